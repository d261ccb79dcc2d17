import type { CronTicks } from './cronExpression';
import { formatTriggerDate } from './formatTriggerDate';

/** What `{{ trigger.* }}` holds in an execution a Schedule trigger created. */
export interface ScheduleVariables {
  date: string;
  next?: string;
  previous?: string;
}

/**
 * Kestra's Schedule.scheduleDates for the tick an execution replays: `date`
 * is the tick, `next` the tick after it, `previous` the last tick before it,
 * each written in the trigger's zone. A cron with no tick after (or before)
 * leaves that key out, as Kestra does (ScheduleTest.impossibleNextConditions).
 */
export function scheduleVariables(ticks: CronTicks, tick: Date): ScheduleVariables {
  const out: ScheduleVariables = { date: formatTriggerDate(tick, ticks.timezone) };
  const next = ticks.next(tick);
  if (next) out.next = formatTriggerDate(next, ticks.timezone);
  const previous = ticks.previous(tick);
  if (previous) out.previous = formatTriggerDate(previous, ticks.timezone);
  return out;
}
