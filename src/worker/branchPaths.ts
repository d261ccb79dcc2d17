import type { Flow, TaskSpec } from '../engine';
import { taskDefinition } from '../engine/tasks/registry';
import type { BranchPaths } from './protocol';
import type { ChildBranch } from '../engine/tasks/TaskDefinition';

/** Where each flowable task of a flow keeps its child branches, from the task definitions. */
export function branchPaths(flow: Flow | null): BranchPaths {
  const out: BranchPaths = {};
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const t of list as TaskSpec[]) {
      if (!t || typeof t !== 'object' || typeof t.type !== 'string') continue;
      let branches: ChildBranch[] | undefined;
      try {
        branches = taskDefinition(t.type)?.branches?.(t);
      } catch {
        branches = undefined; // a half-typed task: no branches yet
      }
      if (!branches?.length) continue;
      if (typeof t.id === 'string') out[t.id] = branches.map((b) => ({ key: b.key, path: b.path }));
      for (const b of branches) visit(b.tasks);
    }
  };
  if (flow) {
    visit(flow.tasks);
    visit(flow.errors);
    visit(flow.finally);
  }
  return out;
}
