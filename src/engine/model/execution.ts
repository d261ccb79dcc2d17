import type { ExecutionTrigger, Labels, LogLevel } from './events';
import type { State, StateType } from './state';
import type { MetricEntry } from './metric';

export interface TaskRunAttempt {
  state: State;
}

/** A task run, shaped like Kestra's TaskRun. */
export interface TaskRun {
  id: string;
  taskId: string;
  taskType: string;
  parentTaskRunId: string | null;
  value: string | null;
  iteration: number | null;
  state: State;
  attempts: TaskRunAttempt[];
  outputs: Record<string, unknown> | null;
  /** What the task reported with runContext.metric (Kestra keeps them apart from outputs: its Metrics tab). */
  metrics?: MetricEntry[];
}

export interface LogEntry {
  timestamp: string;
  level: LogLevel;
  taskId: string | null;
  taskRunId: string | null;
  message: string;
}

/** An execution, shaped like Kestra's Execution (the fields the site uses). */
export interface Execution {
  id: string;
  namespace: string;
  flowId: string;
  originalId: string;
  /** Set on a replay: the execution it was replayed from (Kestra's Execution.parentId). */
  parentId?: string;
  state: State;
  labels: Labels;
  inputs: Record<string, unknown>;
  variables: Record<string, unknown>;
  /** Set when a trigger (a Schedule tick, a backfill) created the execution; absent for a manual run. */
  trigger?: ExecutionTrigger;
  /** The flow's variables rendered at the end of the run (what `render(vars.x)` gave), for the Overview. */
  renderedVariables?: Record<string, string>;
  /** Flow outputs (the flow's `outputs:` list, rendered), once the execution ended. */
  outputs?: Record<string, unknown>;
  taskRunList: TaskRun[];
  logs: LogEntry[];
}

export type { State, StateType, ExecutionTrigger, MetricEntry };
