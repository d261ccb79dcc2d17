import type { TaskSpec } from '../flow/Flow';
import type { TaskDefinition } from './TaskDefinition';
import { listBranch, localBranches } from './localBranches';

/** io.kestra.plugin.core.flow.Sequential: runs `tasks` in order; the first failure stops the rest. */
export const Sequential: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.Sequential',
  aliases: ['io.kestra.core.tasks.flows.Sequential'],
  flowable: true,
  strictProperties: true,
  properties: { tasks: { kind: 'tasks', required: true }, errors: { kind: 'tasks' }, finally: { kind: 'tasks' } },
  branches: (task) => [...listBranch(task, 'tasks'), ...localBranches(task)],
  async run(ctx) {
    await ctx.runChildren(ctx.task.tasks as TaskSpec[]);
  },
};
