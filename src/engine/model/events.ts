import type { State, StateType } from './state';
import type { MetricEntry } from './metric';

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export const LOG_LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

export type Labels = Record<string, string>;

/** Which trigger created an execution, as Kestra's ExecutionTrigger: its id, type and the variables `{{ trigger.* }}` reads. */
export interface ExecutionTrigger {
  id: string;
  type: string;
  variables: Record<string, unknown>;
}

/**
 * Everything the engine reports, in order. The UI and the command line never
 * look at the engine's internals: they fold these events into snapshots with
 * `reduceExecution`.
 */
export type EngineEvent =
  | {
      type: 'execution.created';
      at: string;
      execution: {
        id: string;
        namespace: string;
        flowId: string;
        inputs: Record<string, unknown>;
        labels: Labels;
        variables: Record<string, unknown>;
        originalId: string;
        /** The trigger that created it (Kestra's Execution.trigger); absent for a manual run. */
        trigger?: ExecutionTrigger;
        /** Replay: the execution it was replayed from (Kestra's Execution.parentId). */
        parentId?: string;
        /** Restart / Replay: the state it starts from (the previous history, RESTARTED last) instead of a new CREATED. */
        state?: State;
        /** Restart: the log lines the execution already had (it is the same execution). */
        logs?: { timestamp: string; level: LogLevel; taskId: string | null; taskRunId: string | null; message: string }[];
      };
    }
  | { type: 'execution.state'; at: string; state: StateType }
  | { type: 'execution.labels'; at: string; labels: Labels }
  /** Flow-level `outputs:` once rendered at the end of the execution. */
  | { type: 'execution.outputs'; at: string; outputs: Record<string, unknown> }
  | { type: 'execution.variables'; at: string; variables: Record<string, string> }
  | {
      type: 'taskrun.created';
      at: string;
      taskRun: {
        id: string;
        taskId: string;
        taskType: string;
        parentTaskRunId: string | null;
        value: string | null;
        iteration?: number | null;
      };
    }
  | { type: 'taskrun.state'; at: string; taskRunId: string; state: StateType }
  | { type: 'taskrun.attempt'; at: string; taskRunId: string; attempt: number }
  | { type: 'taskrun.outputs'; at: string; taskRunId: string; outputs: Record<string, unknown> }
  /** Metrics a task run reported (Kestra's runContext.metric: counters, timers). */
  | { type: 'taskrun.metrics'; at: string; taskRunId: string; metrics: MetricEntry[] }
  /**
   * Restart / Replay: a task run taken over from the previous execution as it
   * was (ExecutionService#mapTaskRun), with its state history, attempts,
   * outputs and metrics; it is not run again unless a later event moves it.
   */
  | {
      type: 'taskrun.copied';
      at: string;
      taskRun: {
        id: string;
        taskId: string;
        taskType: string;
        parentTaskRunId: string | null;
        value: string | null;
        iteration: number | null;
        state: State;
        attempts: { state: State }[];
        outputs: Record<string, unknown> | null;
        metrics?: MetricEntry[];
      };
    }
  | {
      type: 'log';
      at: string;
      level: LogLevel;
      message: string;
      taskRunId: string | null;
      taskId: string | null;
    };

export type EventSink = (event: EngineEvent) => void;
