import { LOG_LEVELS, type LogLevel } from '../model/events';
import type { TaskDefinition } from './TaskDefinition';

/**
 * io.kestra.plugin.core.log.Fetch: the log lines of this execution at or
 * above `level` (default INFO), of `tasksId` when given, written to a file;
 * outputs `size` (lines) and `uri`. Difference: Kestra writes an ION file,
 * this one writes JSON lines; logs of another execution (`executionId`) are
 * not reachable here.
 */
export const LogFetch: TaskDefinition = {
  type: 'io.kestra.plugin.core.log.Fetch',
  aliases: ['io.kestra.core.tasks.log.Fetch'],
  strictProperties: true,
  properties: {
    level: { kind: 'string', values: LOG_LEVELS },
    tasksId: { kind: 'list' },
    executionId: { kind: 'string' },
    namespace: { kind: 'string', notRun: { en: 'only the logs of this execution can be read here', 'zh-TW': '這裡只能讀取這次執行的日誌' } },
    flowId: { kind: 'string', notRun: { en: 'only the logs of this execution can be read here', 'zh-TW': '這裡只能讀取這次執行的日誌' } },
  },
  async run(ctx) {
    const execution = ctx.currentExecution();
    const wanted = ctx.task.executionId ? ctx.render(String(ctx.task.executionId)) : execution.id;
    if (wanted !== execution.id) throw new Error(`log.Fetch: only the logs of this execution (${execution.id}) can be read here, not of ${wanted}`);
    const level = (ctx.task.level ? ctx.render(String(ctx.task.level)) : 'INFO') as LogLevel;
    const min = LOG_LEVELS.indexOf(level);
    const tasks = Array.isArray(ctx.task.tasksId) ? new Set((ctx.renderValue(ctx.task.tasksId) as unknown[]).map(String)) : null;
    const lines = execution.logs.filter((l) => LOG_LEVELS.indexOf(l.level) >= min && (!tasks || (l.taskId !== null && tasks.has(l.taskId))));
    const text = lines.map((l) => JSON.stringify({ timestamp: l.timestamp, level: l.level, taskId: l.taskId, taskRunId: l.taskRunId, message: l.message })).join('\n');
    const uri = await ctx.storeFile('logs.jsonl', new TextEncoder().encode(text ? text + '\n' : ''));
    return { size: lines.length, uri };
  },
};
