import type { TaskDefinition } from './TaskDefinition';

/** io.kestra.plugin.core.debug.Return: renders `format` into the output `value` (logged at DEBUG). */
export const Return: TaskDefinition = {
  type: 'io.kestra.plugin.core.debug.Return',
  aliases: ['io.kestra.core.tasks.debugs.Return'],
  strictProperties: true,
  properties: { format: { kind: 'string' } },
  async run(ctx) {
    const value = ctx.task.format === undefined || ctx.task.format === null ? null : ctx.render(String(ctx.task.format));
    ctx.log('DEBUG', String(value));
    return { value };
  },
};
