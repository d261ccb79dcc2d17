import type { TaskSpec } from '../flow/Flow';
import type { LogLevel } from '../model/events';
import type { StateType } from '../model/state';
import type { ExpressionContext } from '../expressions/Pebble';
import type { EngineServices } from './EngineServices';

/** Runs child tasks of a flowable task and reports their combined state. */
export interface ChildRunOptions {
  /** Loop value (ForEach) given to the children as `taskrun.value`. */
  value?: string | null;
  iteration?: number | null;
}

/** What a running task can see and do. */
export interface TaskContext {
  /** The task's properties, after pluginDefaults were merged in (not rendered). */
  task: TaskSpec;
  taskRun: { id: string; value: string | null; attempt: number };
  execution: { id: string; namespace: string; flowId: string };
  /** Renders a template against the task's expression context. */
  render(template: string): string;
  /** Renders every string inside a value. */
  renderValue<T>(value: T): T;
  /** Renders `render()`-style: again until no expressions are left. */
  renderRecursive(template: string): string;
  variables(): ExpressionContext;
  log(level: LogLevel, message: string): void;
  /** Aborted when the execution is killed or the task times out. */
  signal: AbortSignal;
  services: EngineServices;
  /** For flowable tasks: runs a list of child tasks in order and returns their final state. */
  runChildren(tasks: TaskSpec[], options?: ChildRunOptions): Promise<StateType>;
  /** Stores a file this task run produced; returns its `kestra:///…` URI. */
  storeFile(name: string, data: Uint8Array): Promise<string>;
  /** Reads a file from internal storage by its `kestra://` URI. */
  readFile(uri: string): Promise<Uint8Array>;
  /** Adds labels to the execution (Labels task). */
  setLabels(labels: Record<string, string>): void;
}
