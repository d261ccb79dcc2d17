import { javaDurationString } from '../runtime/formatDuration';
import { parseDuration } from '../runtime/parseDuration';
import type { TaskDefinition } from './TaskDefinition';

/** io.kestra.plugin.core.flow.Sleep: waits `duration` (ISO-8601), logging "Waiting for PT15S"; a kill stops it at once. */
export const Sleep: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.Sleep',
  strictProperties: true,
  properties: { duration: { kind: 'duration', required: true } },
  async run(ctx) {
    const ms = parseDuration(ctx.render(String(ctx.task.duration)));
    ctx.log('INFO', `Waiting for ${javaDurationString(ms)}`);
    await ctx.services.clock.sleep(ms, ctx.signal);
  },
};
