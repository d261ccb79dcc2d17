import type { Flow } from '../flow/Flow';
import type { Execution, TaskRun } from '../model/execution';
import { isTerminated, withState, type StateType } from '../model/state';
import { taskDefinition } from '../tasks/registry';
import { ancestorsOf, descendantsOf, taskIdsWithin, type StartingPoint } from './StartingPoint';

/** Kestra's WorkingDirectory restarts as a whole (ExecutionService#mapTaskRun treats it as a task, not a flowable). */
const RESTARTS_AS_A_TASK = new Set(['io.kestra.plugin.core.flow.WorkingDirectory']);

/** The states a Restart runs again: FAILED and PAUSED (State#isFailed / #isPaused), and KILLED (Kestra #13559, #13858). */
const TO_RESTART: ReadonlySet<StateType> = new Set<StateType>(['FAILED', 'KILLED', 'PAUSED']);

export { canRestart } from './canRestart';

/** A flowable whose children are looked up again when it runs again (else it runs again as a whole). */
export function isFlowableParent(run: TaskRun): boolean {
  return !!taskDefinition(run.taskType)?.flowable && !RESTARTS_AS_A_TASK.has(run.taskType);
}

/**
 * Kestra's ExecutionService#restart (without a revision): the SAME execution
 * runs again from its failed task runs. Those (and PAUSED / KILLED ones) and
 * their flowable parents run again: each failed task run keeps its id and
 * attempts and gets RESTARTED (a flowable parent gets RUNNING, mapTaskRun);
 * the task runs under a task that runs again are dropped (removeWorkerTask:
 * dbt's per-node runs, a WorkingDirectory's children), and so are the runs
 * of `errors` (flow.allErrorsWithChilds) and of `finally` branches, which
 * run again if they must. Every other task run stays as it was. The
 * execution keeps its id, inputs, labels and logs; its state history gets
 * RESTARTED. Throws, with Kestra's messages, for an execution that is not
 * terminated (or paused) or has nothing to restart (a SUCCESS one).
 */
export function restartExecution(previous: Execution, flow: Flow, now: string): StartingPoint {
  const state = previous.state.current;
  if (!isTerminated(state) && state !== 'PAUSED') {
    throw new Error(`Execution must be terminated to be restarted, current state is '${state}' !`);
  }
  const runs = previous.taskRunList;
  const byId = new Map(runs.map((r) => [r.id, r]));
  const branchIds = taskIdsWithin(flow.errors);
  taskIdsWithin(flow.finally, branchIds);
  collectLocalBranches(flow.tasks, branchIds);
  collectLocalBranches(flow.errors, branchIds);
  collectLocalBranches(flow.finally, branchIds);

  const kept = runs.filter((r) => !branchIds.has(r.taskId));
  const failed = kept.filter((r) => TO_RESTART.has(r.state.current));
  const rerun = new Set<string>();
  for (const r of failed) {
    rerun.add(r.id);
    for (const a of ancestorsOf(byId, r)) rerun.add(a);
  }
  if (!rerun.size) throw new Error('No task found to restart execution from!');
  // a task that runs again as a whole drops what it made under it
  const asTasks = new Set([...rerun].filter((id) => !isFlowableParent(byId.get(id)!)));
  const dropped = descendantsOf(kept, asTasks);
  // and runs under a dropped branch go with it
  const droppedBranches = descendantsOf(runs, new Set(runs.filter((r) => branchIds.has(r.taskId)).map((r) => r.id)));

  const taskRunList: TaskRun[] = [];
  for (const r of kept) {
    if (dropped.has(r.id) || droppedBranches.has(r.id)) continue;
    if (!rerun.has(r.id)) {
      taskRunList.push(r);
      continue;
    }
    taskRunList.push({ ...r, state: withState(r.state, isFlowableParent(r) ? 'RUNNING' : 'RESTARTED', now) });
  }
  return {
    execution: { ...previous, state: withState(previous.state, 'RESTARTED', now), taskRunList, outputs: undefined },
    rerun,
  };
}

/** The ids of the tasks in every task's own `errors` and `finally` (a flowable's local branches), at any depth. */
function collectLocalBranches(list: unknown, into: Set<string>): void {
  if (!Array.isArray(list)) return;
  for (const t of list) {
    if (!t || typeof t !== 'object') continue;
    const spec = t as Record<string, unknown>;
    taskIdsWithin(spec.errors, into);
    taskIdsWithin(spec.finally, into);
    for (const [k, v] of Object.entries(spec)) {
      if (k === 'errors' || k === 'finally') continue;
      if (Array.isArray(v)) collectLocalBranches(v, into);
      else if (v && typeof v === 'object') for (const inner of Object.values(v)) collectLocalBranches(inner, into);
    }
  }
}
