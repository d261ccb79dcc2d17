import type { InputSpec } from '../flow/Flow';
import { parseDuration } from '../runtime/parseDuration';
import type { TaskDefinition } from './TaskDefinition';

const BEHAVIORS = ['RESUME', 'WARN', 'FAIL', 'CANCEL'] as const;

/**
 * io.kestra.plugin.core.flow.Pause: the task run and the execution wait in
 * PAUSED until resumed (ExecutionControl.resume) or until `pauseDuration`
 * (formerly `delay`) elapses; then `behavior` applies: RESUME continues, WARN
 * ends the task WARNING, FAIL fails it. A resume by hand always succeeds.
 * `onResume` inputs come back as the output `onResume`. The generic
 * `timeout` fails a pause that was not resumed in time.
 */
export const Pause: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.Pause',
  aliases: ['io.kestra.core.tasks.flows.Pause'],
  flowable: true,
  strictProperties: true,
  properties: {
    pauseDuration: { kind: 'duration' },
    delay: { kind: 'duration' },
    behavior: { kind: 'string', values: BEHAVIORS },
    onResume: { kind: 'list' },
    tasks: { kind: 'tasks' },
    errors: { kind: 'tasks' },
    finally: { kind: 'tasks' },
  },
  async run(ctx) {
    const raw = ctx.task.pauseDuration ?? ctx.task.delay;
    const durationMs = raw === undefined || raw === null ? undefined : parseDuration(ctx.render(String(raw)));
    const behavior = String(ctx.task.behavior ?? 'RESUME').toUpperCase();
    const result = await ctx.pause(durationMs);
    if (result.resumedBy === 'timer') {
      if (behavior === 'WARN') ctx.setWarning();
      if (behavior === 'FAIL' || behavior === 'CANCEL') {
        throw new Error(`The pause ended after its pauseDuration without being resumed (behavior ${behavior})`);
      }
    }
    const specs = Array.isArray(ctx.task.onResume) ? (ctx.task.onResume as InputSpec[]) : [];
    if (!specs.length) return;
    const onResume: Record<string, unknown> = {};
    for (const s of specs) if (s && typeof s.id === 'string') onResume[s.id] = s.id in result.inputs ? result.inputs[s.id] : (s.defaults ?? null);
    return { onResume };
  },
};
