import type { Execution, TaskRun } from '../model/execution';
import { isTerminated, withState } from '../model/state';
import { isFlowableParent } from './restartExecution';
import { ancestorsOf, descendantsOf, type StartingPoint } from './StartingPoint';

/**
 * Kestra's ExecutionService#replay: a NEW execution (new id; `parentId` the
 * replayed one, `originalId` kept from it, Execution#childExecution) with the
 * same inputs, labels and trigger.
 *
 * - Without a task run (`fromTaskRunId` null): it starts from nothing, state
 *   CREATED, no task runs (ExecutionServiceTest#replayFromBeginning).
 * - From a task run: every task run is copied with a new id
 *   (mapTaskRunId(execution, false)); the chosen one gets RESTARTED (RUNNING
 *   if it is a flowable) and its parents RUNNING, so they run again; what
 *   came after it is removed (GraphUtils.successors — here: the task runs
 *   created after it that are not its parents, and the ones under it), so it
 *   runs again too. The execution's state history is the replayed one's
 *   with RESTARTED last (ExecutionServiceTest#replaySimple: 4 histories).
 *
 * Logs are not copied: in Kestra they belong to the replayed execution.
 */
export function replayExecution(previous: Execution, fromTaskRunId: string | null, newId: () => string, now: string): StartingPoint {
  if (!isTerminated(previous.state.current) && previous.state.current !== 'PAUSED') {
    throw new Error(`Execution must be terminated to be replayed, current state is '${previous.state.current}' !`);
  }
  const id = newId();
  const base: Execution = {
    ...previous,
    id,
    parentId: previous.id,
    originalId: previous.originalId,
    state: withState(undefined, 'CREATED', now),
    taskRunList: [],
    logs: [],
    outputs: undefined,
    renderedVariables: undefined,
  };
  if (fromTaskRunId === null) return { execution: base, rerun: new Set() };

  const runs = previous.taskRunList;
  const byId = new Map(runs.map((r) => [r.id, r]));
  const chosen = byId.get(fromTaskRunId);
  if (!chosen) throw new Error(`Can't find taskrun with taskrunId '${fromTaskRunId}' on execution '${previous.id}'`);
  const ancestors = new Set(ancestorsOf(byId, chosen));
  const position = runs.indexOf(chosen);
  const under = descendantsOf(runs, new Set([chosen.id]));
  const mapped = new Map(runs.map((r) => [r.id, newId()]));
  const rerunOld = new Set([chosen.id, ...ancestors]);

  const taskRunList: TaskRun[] = [];
  runs.forEach((r, i) => {
    if (under.has(r.id)) return;
    if (i > position && !rerunOld.has(r.id)) return;
    const copy: TaskRun = { ...r, id: mapped.get(r.id)!, parentTaskRunId: r.parentTaskRunId ? (mapped.get(r.parentTaskRunId) ?? null) : null };
    if (rerunOld.has(r.id)) copy.state = withState(r.state, r.id === chosen.id && !isFlowableParent(r) ? 'RESTARTED' : 'RUNNING', now);
    taskRunList.push(copy);
  });
  return {
    execution: { ...base, state: withState(previous.state, 'RESTARTED', now), taskRunList },
    rerun: new Set([...rerunOld].map((old) => mapped.get(old)!)),
  };
}
