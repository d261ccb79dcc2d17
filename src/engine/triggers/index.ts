/**
 * Schedule triggers and backfills, for the playground and the command line.
 * The UI drives a Scheduler (in the worker, next to the engine) and renders
 * its TriggerStatus / BackfillStatus; it fills the backfill form with
 * backfillFormInputs and says each cron in words with describeCron.
 */
export { Scheduler, type BackfillRequest, type SchedulerOptions } from './Scheduler';
export type { BackfillStatus, SchedulerEvent, TriggerRef, TriggerStatus } from './SchedulerEvent';
export { backfillFormInputs, BACKFILL_FORM_SOURCES, type BackfillFormInputs } from './backfillFormInputs';
export { describeCron, type CronDescription } from './describeCron';
export { checkCronExpression, cronTicks, CRON_NICKNAMES, type CronProblem, type CronTicks } from './cronExpression';
export { scheduleTriggers, scheduleTrigger, type ScheduleTrigger } from './ScheduleTrigger';
export { startTriggeredRun, type TriggeredRun, type TriggeredRunOptions, type BackfillExtras } from './startTriggeredRun';
export { scheduleVariables, type ScheduleVariables } from './scheduleVariables';
export { formatTriggerDate } from './formatTriggerDate';
export { parseTriggerDate } from './parseTriggerDate';
export { TriggerError, TRIGGER_MESSAGES, triggerMessage } from './TriggerError';
export { countTicks } from './countTicks';
