import type { TaskSpec } from '../../../engine/flow/Flow';
import type { BranchesOf } from './buildTopologyGraph';
import type { BranchPaths } from '../../../worker/protocol';

/**
 * Rebuilds a flowable task's branches on the main thread from the paths the
 * engine worker reported (so the page never loads the task registry).
 */
export function branchesFromPaths(paths: BranchPaths): BranchesOf {
  return (task: TaskSpec) => {
    const list = paths[task.id];
    if (!list) return undefined;
    return list.map((b) => {
      let node: unknown = task;
      for (const seg of b.path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined;
      return { key: b.key, path: b.path, tasks: Array.isArray(node) ? (node as TaskSpec[]) : [] };
    });
  };
}
