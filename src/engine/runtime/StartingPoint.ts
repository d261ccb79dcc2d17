import type { Execution, TaskRun } from '../model/execution';

/**
 * Where a restarted or replayed execution starts (restartExecution.ts,
 * replayExecution.ts): the execution as Kestra's ExecutionService#restart /
 * #replay hands it to the executor — its id, state history (RESTARTED last),
 * inputs, labels, logs and the task runs it keeps — and which of those task
 * runs run again. A task run in `rerun` is RESTARTED (a task: it runs again,
 * its attempts continue) or RUNNING (a flowable parent of one: its children
 * are looked up again); every other kept task run is done and is not run.
 */
export interface StartingPoint {
  execution: Execution;
  rerun: ReadonlySet<string>;
}

export function isTaskSpecLike(v: unknown): v is { id: string; type: string } & Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { type?: unknown }).type === 'string';
}

/** Every task id inside a list of task specs, their children (tasks, then/else, cases, errors, finally, …) included. */
export function taskIdsWithin(list: unknown, into = new Set<string>()): Set<string> {
  if (!Array.isArray(list)) return into;
  for (const t of list) {
    if (!isTaskSpecLike(t)) continue;
    into.add(t.id);
    for (const v of Object.values(t)) {
      if (Array.isArray(v)) taskIdsWithin(v, into);
      else if (v && typeof v === 'object' && !isTaskSpecLike(v)) for (const inner of Object.values(v)) taskIdsWithin(inner, into);
    }
  }
  return into;
}

/** The ids of a task run's parents, innermost first (Execution#findParents). */
export function ancestorsOf(byId: ReadonlyMap<string, TaskRun>, run: TaskRun): string[] {
  const out: string[] = [];
  const seen = new Set<string>([run.id]);
  let parent = run.parentTaskRunId;
  while (parent && !seen.has(parent)) {
    out.push(parent);
    seen.add(parent);
    parent = byId.get(parent)?.parentTaskRunId ?? null;
  }
  return out;
}

/** The task runs under any of `roots` (children, their children, …), not the roots themselves. */
export function descendantsOf(runs: readonly TaskRun[], roots: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of runs) {
      if (out.has(r.id) || !r.parentTaskRunId) continue;
      if (roots.has(r.parentTaskRunId) || out.has(r.parentTaskRunId)) {
        out.add(r.id);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * The loop values a task run's outputs are keyed by (`outputs.task[value]…`):
 * each time the value changes going down from the root, a ForEach started
 * an iteration (Scope#childScope adds its value).
 */
export function loopValuesOf(byId: ReadonlyMap<string, TaskRun>, run: TaskRun): string[] {
  const chain: TaskRun[] = [run];
  for (const id of ancestorsOf(byId, run)) {
    const a = byId.get(id);
    if (a) chain.unshift(a);
  }
  const values: string[] = [];
  let current: string | null = null;
  for (const r of chain) {
    if (r.value !== null && r.value !== current) values.push(r.value);
    current = r.value;
  }
  return values;
}
