import type { TaskSpec } from '../flow/Flow';
import type { StateType } from '../model/state';
import type { ChildBranch, TaskDefinition } from './TaskDefinition';
import { localBranches } from './localBranches';

interface DagEntry {
  task: TaskSpec;
  dependsOn?: string[];
}

const entries = (task: TaskSpec): DagEntry[] => (Array.isArray(task.tasks) ? (task.tasks as DagEntry[]).filter((e) => e && e.task) : []);

/**
 * io.kestra.plugin.core.flow.Dag: runs each `tasks[].task` once everything in
 * its `dependsOn` ended successfully, `concurrent` at a time (0: no limit).
 * Unknown dependencies and cycles fail with Kestra's messages (Dag#controlTask);
 * after a failure nothing new starts.
 */
export const Dag: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.Dag',
  aliases: ['io.kestra.core.tasks.flows.Dag'],
  flowable: true,
  strictProperties: true,
  properties: { tasks: { kind: 'list', required: true }, concurrent: { kind: 'number' }, errors: { kind: 'tasks' }, finally: { kind: 'tasks' } },
  branches: (task): ChildBranch[] => [
    ...entries(task).map((e, i) => ({ key: `tasks[${i}].task`, path: ['tasks', i, 'task'], tasks: [e.task] })),
    ...localBranches(task),
  ],
  async run(ctx) {
    const list = entries(ctx.task);
    const ids = new Set(list.map((e) => e.task.id));
    const missing = list.flatMap((e) => (e.dependsOn ?? []).filter((d) => !ids.has(d)));
    if (missing.length) throw new Error(`Some task doesn't exists on task '${ctx.task.id}': ${[...new Set(missing)].join(', ')}`);
    const cyclic = cycles(list);
    if (cyclic.length) throw new Error(`Infinite loop detected on task '${ctx.task.id}': ${cyclic.join(', ')}`);
    const limit = Number(ctx.task.concurrent ?? 0) || 0;
    const done = new Map<string, StateType>();
    const started = new Set<string>();
    let running = 0;
    let failed = false;
    await new Promise<void>((resolve) => {
      const pump = () => {
        const ready = list.filter((e) => !started.has(e.task.id) && (e.dependsOn ?? []).every((d) => ok(done.get(d))));
        for (const e of ready) {
          if (failed || ctx.signal.aborted || (limit > 0 && running >= limit)) break;
          if (e.task.disabled === true) {
            started.add(e.task.id);
            done.set(e.task.id, 'SUCCESS');
            continue;
          }
          started.add(e.task.id);
          running++;
          ctx.runChildren([e.task]).then((s) => {
            running--;
            done.set(e.task.id, s);
            if (!ok(s)) failed = true;
            pump();
          });
        }
        if (running === 0) resolve();
        else if (ready.some((e) => e.task.disabled === true)) pump();
      };
      pump();
    });
  },
};

const ok = (s: StateType | undefined) => s === 'SUCCESS' || s === 'WARNING' || s === 'SKIPPED';

/** Task ids on a dependency cycle. */
function cycles(list: DagEntry[]): string[] {
  const deps = new Map(list.map((e) => [e.task.id, e.dependsOn ?? []]));
  const onCycle = new Set<string>();
  const state = new Map<string, 1 | 2>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1) {
      for (const p of path.slice(path.indexOf(id))) onCycle.add(p);
      return;
    }
    state.set(id, 1);
    for (const d of deps.get(id) ?? []) visit(d, [...path, id]);
    state.set(id, 2);
  };
  for (const id of deps.keys()) visit(id, []);
  return [...onCycle];
}
