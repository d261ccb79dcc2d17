import type { TaskSpec } from '../flow/Flow';
import type { TaskDefinition } from './TaskDefinition';
import { listBranch, localBranches } from './localBranches';

/**
 * io.kestra.plugin.core.flow.AllowFailure (deprecated for the allowFailure
 * property, Kestra still runs it): runs `tasks` in order; a failure among
 * them ends this task WARNING and the flow goes on.
 */
export const AllowFailure: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.AllowFailure',
  aliases: ['io.kestra.core.tasks.flows.AllowFailure'],
  flowable: true,
  strictProperties: true,
  properties: { tasks: { kind: 'tasks', required: true }, errors: { kind: 'tasks' }, finally: { kind: 'tasks' } },
  branches: (task) => [...listBranch(task, 'tasks'), ...localBranches(task)],
  async run(ctx) {
    const state = await ctx.runChildren(ctx.task.tasks as TaskSpec[]);
    if (state === 'FAILED') ctx.setFinalState('WARNING');
  },
};
