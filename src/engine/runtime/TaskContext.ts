import type { TaskSpec } from '../flow/Flow';
import type { LogLevel } from '../model/events';
import type { StateType } from '../model/state';
import type { ExpressionContext } from '../expressions/Pebble';
import type { EngineServices } from './EngineServices';
import type { Flow } from '../flow/Flow';
import type { Execution } from '../model/execution';
import type { RunOptions } from './runExecution';
import type { ExecutionLimits } from './ExecutionLimits';

/** How a flowable task runs a list of child tasks. */
export interface ChildRunOptions {
  /** Loop value (ForEach) given to the children as `taskrun.value`; defaults to the parent's value. */
  value?: string | null;
  /** Loop index (ForEach) given to the children as `taskrun.iteration`. */
  iteration?: number | null;
  /** A working directory the children's script tasks share (WorkingDirectory; a ShellFs). */
  workingDirectory?: unknown;
}

/** What a Pause learns when it stops waiting. */
export interface PauseResult {
  /**
   * `user`: resumed through ExecutionControl.resume(); `timer`: its pause
   * duration ran out; `never`: nothing can resume it here (no control, no
   * duration): the task run stays PAUSED and the execution stops PAUSED.
   */
  resumedBy: 'user' | 'timer' | 'never';
  /** onResume input values the host passed to resume(). */
  inputs: Record<string, unknown>;
}

/**
 * A task run a task creates while it runs, under its own task run (Kestra's
 * "dynamic task runs": the dbt plugin makes one per dbt node from
 * run_results.json, each with its own state history, so each is a bar in the
 * Gantt chart). Created in state CREATED.
 */
export interface DynamicTaskRun {
  readonly id: string;
  setState(state: StateType): void;
  log(level: LogLevel, message: string): void;
  setOutputs(outputs: Record<string, unknown>): void;
}

/** What a running task can see and do. */
export interface TaskContext {
  /** The task's properties, after pluginDefaults were merged in (not rendered). */
  task: TaskSpec;
  /** `attempt` is 1 for the first try, 2 for the first retry, … */
  taskRun: { id: string; value: string | null; iteration: number | null; attempt: number };
  execution: { id: string; namespace: string; flowId: string };
  /** Renders a template against the task's expression context. */
  render(template: string): string;
  /** Renders every string inside a value. */
  renderValue<T>(value: T): T;
  /** Renders `render()`-style: again until no expressions are left. */
  renderRecursive(template: string): string;
  /** renderValue with more variables under `taskrun` (ForEachItem's `taskrun.items`). */
  renderValueWith<T>(value: T, taskrun: Record<string, unknown>): T;
  /** Kestra's renderTyped: a template that is one `{{ expression }}` keeps the value's type (a map stays a map). */
  renderTyped(template: string): unknown;
  variables(): ExpressionContext;
  log(level: LogLevel, message: string): void;
  /** Aborted when the execution is killed or the task times out. Long-running work must stop when it fires. */
  signal: AbortSignal;
  services: EngineServices;
  /** The working directory of an enclosing WorkingDirectory task (a ShellFs), shared by its script tasks. */
  workingDirectory?: unknown;
  /** What this execution may keep (the host's limits over the defaults). */
  limits: ExecutionLimits;
  /**
   * For flowable tasks: runs a list of child tasks in order (stopping at the
   * first failure) and returns the list's state. Every call's state counts
   * towards the parent's final state (KILLED > FAILED > WARNING > SUCCESS).
   */
  runChildren(tasks: TaskSpec[], options?: ChildRunOptions): Promise<StateType>;
  /** Ends this task run WARNING instead of SUCCESS (e.g. a script that wrote to stderr). */
  setWarning(): void;
  /** Ends this task run in `state` whatever its children did (Pause: PAUSED, WARNING, FAILED, CANCELLED). */
  setFinalState(state: StateType): void;
  /**
   * Pause task: puts the task run and the execution in PAUSED until resumed
   * or `durationMs` elapses. Resumed, it goes back to RUNNING; when the timer
   * ends it and `onTimer` is WARNING / FAILED / CANCELLED, it ends in that
   * state straight from PAUSED (Kestra's Pause.Behavior#mapToState).
   */
  pause(durationMs?: number, onTimer?: StateType): Promise<PauseResult>;
  /** Stores a file this task run produced; returns its `kestra:///…` URI. */
  storeFile(name: string, data: Uint8Array): Promise<string>;
  /** Reads a file from internal storage by its `kestra://` URI; fails clearly once purged. */
  readFile(uri: string): Promise<Uint8Array>;
  /** Adds labels to the execution (Labels task). */
  setLabels(labels: Record<string, string>): void;
  /** execution.SetVariables: adds (or, with overwrite, replaces) execution variables, seen as `vars.*` from then on. */
  setVariables(values: Record<string, unknown>, overwrite?: boolean): void;
  /** execution.UnsetVariables. */
  unsetVariables(names: string[]): void;
  /** The execution as it is now (logs, task runs), for log.Fetch and errorLogs(). */
  currentExecution(): Execution;
  /** Runs another flow as a new execution (Subflow, ForEachItem) with the same services. */
  runFlow(flow: Flow, options: RunOptions): Promise<Execution>;
  /** Masks a value from now on in logs and outputs (a secret a task obtained). */
  maskSecret(value: string): void;
  /**
   * Reports a metric on this task run (Kestra's runContext.metric with a
   * Counter or a Timer; a timer's value in milliseconds). Tags are key/value
   * strings, as Kestra's `Counter.of(name, value, "k", "v", …)`.
   */
  metric(type: 'counter' | 'timer', name: string, value: number, tags?: Record<string, string>): void;
  /** Creates a child task run of this task run (see DynamicTaskRun). */
  dynamicTaskRun(taskId: string, taskType: string, value?: string | null): DynamicTaskRun;
}
