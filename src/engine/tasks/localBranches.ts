import type { TaskSpec } from '../flow/Flow';
import type { ChildBranch } from './TaskDefinition';

/** A branch for `key` when the task has a list there. */
export function listBranch(task: TaskSpec, key: string): ChildBranch[] {
  const tasks = task[key];
  return Array.isArray(tasks) ? [{ key, path: [key], tasks: tasks as TaskSpec[] }] : [];
}

/** The local `errors` and `finally` lists any flowable task may carry. */
export function localBranches(task: TaskSpec): ChildBranch[] {
  return [...listBranch(task, 'errors'), ...listBranch(task, 'finally')];
}
