import type { TaskSpec } from '../flow/Flow';
import type { TaskContext } from '../runtime/TaskContext';

/** The shape a property must have, for validation and editor completion. */
export type PropertyKind = 'string' | 'number' | 'boolean' | 'list' | 'map' | 'tasks' | 'any' | 'string-or-list' | 'duration';

export interface PropertySpec {
  kind: PropertyKind;
  required?: boolean;
  /** Allowed values for an enum-like string property. */
  values?: readonly string[];
  description?: string;
  /** Kestra runs this property and the playground does not: why, in both languages (validation warns "accepted by Kestra, not run here" on its line). */
  notRun?: { en: string; 'zh-TW': string };
}

/** A branch of child tasks of a flowable task (for validation, topology and execution). */
export interface ChildBranch {
  /** Property name holding the tasks, e.g. `then`, `else`, `tasks`, `cases.yellow`. */
  key: string;
  path: (string | number)[];
  tasks: TaskSpec[];
}

export interface TaskDefinition {
  /** Kestra's full type name. */
  type: string;
  /** Older names Kestra still accepts for the same task. */
  aliases?: readonly string[];
  properties: Record<string, PropertySpec>;
  /**
   * When true, `properties` lists every property the task accepts, and the
   * validator reports any other key as an unknown property (Kestra's
   * "Unrecognized field"). Leave unset while the list is incomplete.
   */
  strictProperties?: boolean;
  /**
   * Flowable tasks (If, Switch, ForEach, Pause, …) run in Kestra's executor:
   * no attempts and no retry; their state comes from their children.
   */
  flowable?: boolean;
  /** A flowable whose own `timeout` counts (Pause, WaitFor); other flowables pass time to their children. */
  ownTimeout?: boolean;
  /** Set for task types this browser engine cannot run: why (see unsupportedTasks.ts). */
  unsupported?: string;
  /** Flowable tasks list their child branches (`path` relative to the task). */
  branches?(task: TaskSpec): ChildBranch[];
  /** Runs the task; what it returns becomes the task run's outputs. */
  run(ctx: TaskContext): Promise<Record<string, unknown> | void>;
}
