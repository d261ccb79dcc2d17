import type { ChildRunOptions } from './TaskContext';
import type { RetryPolicy } from './retryPolicy';

/** Where a task run sits: its parent task run and the loop value / iteration it inherits. */
export interface Scope {
  parentRunId: string | null;
  value: string | null;
  iteration: number | null;
  /** Parent task runs, innermost first, for `parent` / `parents`. */
  parents: { taskrun: { value: string | null } }[];
  /** Loop values of the enclosing ForEach iterations, outermost first (outputs are keyed by all of them). */
  values: string[];
  /** The retry of the nearest flowable parent that has one (its children retry with it). */
  retry?: RetryPolicy | null;
  /** The shared working directory of an enclosing WorkingDirectory task. */
  workingDirectory?: unknown;
}

export const ROOT: Scope = { parentRunId: null, value: null, iteration: null, parents: [], values: [] };

/** The scope of the children of task run `runId` (ForEach passes the iteration's value). */
export function childScope(scope: Scope, runId: string, opts: ChildRunOptions): Scope {
  const value = opts.value !== undefined ? opts.value : scope.value;
  return {
    parentRunId: runId,
    value,
    iteration: opts.iteration !== undefined ? opts.iteration : scope.iteration,
    parents: [{ taskrun: { value: scope.value } }, ...scope.parents],
    values: opts.value !== undefined && opts.value !== null ? [...scope.values, opts.value] : scope.values,
    retry: scope.retry,
    workingDirectory: opts.workingDirectory ?? scope.workingDirectory,
  };
}
