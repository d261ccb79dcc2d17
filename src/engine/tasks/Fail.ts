import { isTruthy } from '../runtime/isTruthy';
import type { TaskDefinition } from './TaskDefinition';

/**
 * io.kestra.plugin.core.execution.Fail: fails with `errorMessage` (default
 * "Task failure"); with a `condition`, only when it renders truthy, logging
 * the message and failing with "Fail on a condition".
 */
export const Fail: TaskDefinition = {
  type: 'io.kestra.plugin.core.execution.Fail',
  aliases: ['io.kestra.core.tasks.executions.Fail'],
  strictProperties: true,
  properties: { condition: { kind: 'string' }, errorMessage: { kind: 'string' } },
  async run(ctx) {
    const message = ctx.render(String(ctx.task.errorMessage ?? 'Task failure'));
    if (ctx.task.condition !== undefined && ctx.task.condition !== null) {
      if (isTruthy(ctx.render(String(ctx.task.condition)))) {
        ctx.log('ERROR', message);
        throw new Error('Fail on a condition');
      }
      return;
    }
    throw new Error(message);
  },
};
