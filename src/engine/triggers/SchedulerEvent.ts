import type { EngineEvent, Labels } from '../model/events';
import type { Execution } from '../model/execution';
import type { StateType } from '../model/state';
import type { CronDescription } from './describeCron';
import type { ScheduleVariables } from './scheduleVariables';

/** One trigger of one flow (Kestra's trigger uid: namespace, flow id, trigger id). */
export interface TriggerRef {
  namespace: string;
  flowId: string;
  triggerId: string;
}

/**
 * A backfill, as Kestra's Backfill model (start, end, currentDate, paused,
 * inputs, labels, previousNextExecutionDate) plus its progress: `created`
 * of `total` executions, the tick of the last one created.
 */
export interface BackfillStatus {
  id: string;
  trigger: TriggerRef;
  start: string;
  end: string;
  /** The next tick it will create an execution for; null once all are created. */
  currentDate: string | null;
  paused: boolean;
  inputs: Record<string, unknown>;
  labels: Labels;
  /** Ticks in [start, end]: N. */
  total: number;
  /** Executions created so far: n of N. */
  created: number;
  /** Of those, how many have ended. */
  ended: number;
  /** The tick (in the trigger's zone) of the last execution created. */
  currentTick: string | null;
  executionIds: string[];
  /** running: creating executions; paused; finishing: all created, some still running; done; deleted. */
  phase: 'running' | 'paused' | 'finishing' | 'done' | 'deleted';
  /** The trigger's next date before the backfill, where its schedule resumes after it. */
  previousNextExecutionDate: string | null;
}

/** What the Triggers tab shows for one trigger. */
export interface TriggerStatus extends TriggerRef {
  key: string;
  type: string;
  cron: string;
  timezone: string;
  description: CronDescription | null;
  enabled: boolean;
  /** Why it is not enabled: `disabled: true` in the flow (or a disabled flow), the host's switch, or `stopAfter`. */
  disabledBy: 'definition' | 'host' | 'stopAfter' | null;
  /** The next date the scheduler evaluates it (Kestra's nextExecutionDate), in the trigger's zone; null when it never fires. */
  nextExecutionDate: string | null;
  /** The next few ticks from now, in the trigger's zone. */
  upcoming: string[];
  /** The execution that locks the trigger until it ends (Kestra's trigger.executionId). */
  runningExecutionId: string | null;
  lastEvaluation: { at: string; tick: string; executionId: string; backfillId: string | null } | null;
  backfill: BackfillStatus | null;
  /** Problems Kestra writes to the trigger's own log (a label that cannot render). */
  warnings: string[];
}

export type SchedulerEvent =
  /** The simulated clock moved. */
  | { type: 'clock'; now: string }
  /** A trigger's status changed (next date, lock, enabled, backfill). */
  | { type: 'trigger'; trigger: TriggerStatus }
  | { type: 'execution.created'; trigger: TriggerRef; executionId: string; tick: string; variables: ScheduleVariables; backfillId: string | null }
  /** Every engine event of an execution the scheduler created, to fold with reduceExecution. */
  | { type: 'execution.event'; executionId: string; event: EngineEvent }
  | { type: 'execution.ended'; trigger: TriggerRef; executionId: string; state: StateType; execution: Execution; backfillId: string | null }
  /** A backfill's progress or phase changed. */
  | { type: 'backfill'; backfill: BackfillStatus }
  | { type: 'warning'; trigger: TriggerRef; message: string };
