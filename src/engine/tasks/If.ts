import type { TaskSpec } from '../flow/Flow';
import { isTruthy } from '../runtime/isTruthy';
import type { TaskDefinition } from './TaskDefinition';
import { listBranch, localBranches } from './localBranches';

/**
 * io.kestra.plugin.core.flow.If: evaluates `condition` once (output
 * `evaluationResult`) and runs `then` or `else` in order. A false condition
 * without `else` ends SUCCESS with no children.
 */
export const If: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.If',
  aliases: ['io.kestra.core.tasks.flows.If'],
  flowable: true,
  strictProperties: true,
  properties: {
    condition: { kind: 'any', required: true },
    then: { kind: 'tasks', required: true },
    else: { kind: 'tasks' },
    errors: { kind: 'tasks' },
    finally: { kind: 'tasks' },
  },
  branches: (task) => [...listBranch(task, 'then'), ...listBranch(task, 'else'), ...localBranches(task)],
  async run(ctx) {
    const evaluationResult = isTruthy(ctx.render(String(ctx.task.condition)));
    const branch = (evaluationResult ? ctx.task.then : ctx.task.else) as TaskSpec[] | undefined;
    if (Array.isArray(branch) && branch.length) await ctx.runChildren(branch);
    return { evaluationResult };
  },
};
