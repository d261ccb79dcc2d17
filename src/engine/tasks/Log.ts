import type { LogLevel } from '../model/events';
import { LOG_LEVELS } from '../model/events';
import type { TaskDefinition } from './TaskDefinition';

/** io.kestra.plugin.core.log.Log: writes `message` (a string or a list) to the execution's logs. */
export const Log: TaskDefinition = {
  type: 'io.kestra.plugin.core.log.Log',
  aliases: ['io.kestra.core.tasks.log.Log'],
  strictProperties: true,
  properties: {
    message: { kind: 'string-or-list', required: true },
    level: { kind: 'string', values: LOG_LEVELS },
  },
  async run(ctx) {
    const level = (ctx.task.level ? ctx.render(String(ctx.task.level)) : 'INFO') as LogLevel;
    const raw = ctx.task.message;
    const messages = Array.isArray(raw) ? raw : [raw];
    for (const m of messages) ctx.log(level, ctx.render(String(m)));
  },
};
