import type { TaskSpec } from '../flow/Flow';
import { runPool } from '../runtime/runPool';
import type { TaskDefinition } from './TaskDefinition';
import { listBranch, localBranches } from './localBranches';

/**
 * io.kestra.plugin.core.flow.Parallel: starts `tasks` together, at most
 * `concurrent` at a time (0, the default, means all). Once one fails, no
 * further task starts; the running ones finish.
 */
export const Parallel: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.Parallel',
  aliases: ['io.kestra.core.tasks.flows.Parallel'],
  flowable: true,
  strictProperties: true,
  properties: {
    tasks: { kind: 'tasks', required: true },
    concurrent: { kind: 'number' },
    errors: { kind: 'tasks' },
    finally: { kind: 'tasks' },
  },
  branches: (task) => [...listBranch(task, 'tasks'), ...localBranches(task)],
  async run(ctx) {
    const tasks = (ctx.task.tasks as TaskSpec[]).filter((t) => t && t.disabled !== true);
    const limit = Number(ctx.task.concurrent ?? 0) || 0;
    let failed = false;
    await runPool(
      tasks,
      limit,
      async (task) => {
        const s = await ctx.runChildren([task]);
        if (s === 'FAILED' || s === 'KILLED') failed = true;
      },
      () => failed || ctx.signal.aborted,
    );
  },
};
