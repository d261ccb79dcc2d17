import type { LogLevel } from '../model/events';
import { LOG_LEVELS } from '../model/events';
import type { TaskDefinition } from './TaskDefinition';

/** io.kestra.plugin.core.debug.Echo (deprecated for Log, Kestra still runs it): logs `format` at `level`. */
export const Echo: TaskDefinition = {
  type: 'io.kestra.plugin.core.debug.Echo',
  aliases: ['io.kestra.core.tasks.debugs.Echo'],
  strictProperties: true,
  properties: { format: { kind: 'string', required: true }, level: { kind: 'string', values: LOG_LEVELS } },
  async run(ctx) {
    const level = (ctx.task.level ? ctx.render(String(ctx.task.level)) : 'INFO') as LogLevel;
    ctx.log(level, ctx.render(String(ctx.task.format)));
  },
};
