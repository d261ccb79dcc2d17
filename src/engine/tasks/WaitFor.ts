import type { TaskSpec } from '../flow/Flow';
import { isTruthy } from '../runtime/isTruthy';
import { parseDuration } from '../runtime/parseDuration';
import type { TaskDefinition } from './TaskDefinition';
import { listBranch, localBranches } from './localBranches';

/**
 * io.kestra.plugin.core.flow.WaitFor: runs `tasks` again and again, every
 * `checkFrequency.interval` (1 s), until `condition` renders true; the output
 * `iterationCount` (1 on the first pass) is visible to the condition as
 * `outputs.<id>.iterationCount`. Past `checkFrequency.maxIterations` (100) or
 * `maxDuration` (PT1H) it stops: FAILED with `failOnMaxReached`, else as its
 * children ended (Kestra's WaitFor#reachedMaximums / #resolveState).
 */
export const WaitFor: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.WaitFor',
  flowable: true,
  ownTimeout: true,
  strictProperties: true,
  properties: {
    condition: { kind: 'string', required: true },
    tasks: { kind: 'tasks', required: true },
    checkFrequency: { kind: 'map' },
    failOnMaxReached: { kind: 'boolean' },
    errors: { kind: 'tasks' },
    finally: { kind: 'tasks' },
  },
  branches: (task) => [...listBranch(task, 'tasks'), ...localBranches(task)],
  async run(ctx) {
    const freq = (ctx.task.checkFrequency ?? {}) as Record<string, unknown>;
    const maxIterations = freq.maxIterations === undefined ? 100 : Number(ctx.renderValue(freq.maxIterations));
    const maxDurationMs = parseDuration(ctx.render(String(freq.maxDuration ?? 'PT1H')));
    const intervalMs = parseDuration(ctx.render(String(freq.interval ?? 'PT1S')));
    const failOnMax = String(ctx.renderValue(ctx.task.failOnMaxReached ?? false)) === 'true';
    const started = ctx.services.clock.now().getTime();
    const outputs = ctx.variables().outputs as Record<string, unknown>;
    for (let iterationCount = 1; ; iterationCount++) {
      // the condition and the children see the count of this pass
      outputs[ctx.task.id] = { iterationCount };
      const state = await ctx.runChildren(ctx.task.tasks as TaskSpec[], { iteration: iterationCount - 1 });
      if (state === 'FAILED' || state === 'KILLED' || ctx.signal.aborted) return { iterationCount };
      if (isTruthy(ctx.render(String(ctx.task.condition)))) return { iterationCount };
      const overIterations = iterationCount >= maxIterations;
      const overDuration = ctx.services.clock.now().getTime() - started + intervalMs > maxDurationMs;
      if (overIterations || overDuration) {
        ctx.log('WARN', overIterations ? 'Max iterations reached' : 'Max duration reached');
        if (failOnMax) ctx.setFinalState('FAILED');
        return { iterationCount };
      }
      await ctx.services.clock.sleep(intervalMs, ctx.signal);
    }
  },
};
