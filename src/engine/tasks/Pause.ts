import type { InputSpec, TaskSpec } from '../flow/Flow';
import type { StateType } from '../model/state';
import { parseDuration } from '../runtime/parseDuration';
import type { TaskDefinition } from './TaskDefinition';
import { listBranch, localBranches } from './localBranches';

const BEHAVIORS = ['RESUME', 'WARN', 'FAIL', 'CANCEL'] as const;

/** Kestra's Pause.Behavior#mapToState: the state a pause ends in when its pauseDuration runs out. */
const ON_TIMER: Record<(typeof BEHAVIORS)[number], StateType> = { RESUME: 'RUNNING', WARN: 'WARNING', FAIL: 'FAILED', CANCEL: 'CANCELLED' };

/**
 * io.kestra.plugin.core.flow.Pause: the task run and the execution wait in
 * PAUSED until resumed (ExecutionControl.resume) or until `pauseDuration`
 * (formerly `delay`) elapses; then `behavior` (rendered: it may be an
 * expression) applies: RESUME continues, WARN ends the pause WARNING, FAIL
 * fails it, CANCEL cancels the execution. A resume by hand always succeeds.
 * With nothing that could resume it (no host control, no duration, no
 * timeout) the execution stops PAUSED, as it stays in Kestra until someone
 * resumes it. `onPause` (a task, or a list) runs when the pause starts; the
 * deprecated `tasks` run after it. `onResume` inputs come back as the output
 * `onResume`. The generic `timeout` fails a pause that was not resumed in time.
 */
export const Pause: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.Pause',
  aliases: ['io.kestra.core.tasks.flows.Pause'],
  flowable: true,
  ownTimeout: true,
  strictProperties: true,
  properties: {
    pauseDuration: { kind: 'duration' },
    delay: { kind: 'duration' },
    behavior: { kind: 'string', values: BEHAVIORS },
    onResume: { kind: 'list' },
    onPause: { kind: 'any' },
    tasks: { kind: 'tasks' },
    errors: { kind: 'tasks' },
    finally: { kind: 'tasks' },
  },
  branches: (task) => [...listBranch(task, 'tasks'), ...onPauseBranch(task), ...localBranches(task)],
  async run(ctx) {
    const raw = ctx.task.pauseDuration ?? ctx.task.delay;
    const durationMs = raw === undefined || raw === null ? undefined : parseDuration(ctx.render(String(raw)));
    const behavior = ctx.render(String(ctx.task.behavior ?? 'RESUME')).trim().toUpperCase();
    if (!(BEHAVIORS as readonly string[]).includes(behavior)) {
      throw new Error(`Invalid behavior \`${behavior}\`: use one of ${BEHAVIORS.join(', ')}`);
    }
    const onPause = pauseTasks(ctx.task.onPause);
    if (onPause.length) await ctx.runChildren(onPause);
    const result = await ctx.pause(durationMs, ON_TIMER[behavior as (typeof BEHAVIORS)[number]]);
    if (result.resumedBy === 'never') return;
    if (result.resumedBy === 'timer' && (behavior === 'FAIL' || behavior === 'CANCEL')) return;
    const tasks = Array.isArray(ctx.task.tasks) ? (ctx.task.tasks as TaskSpec[]) : [];
    if (tasks.length) await ctx.runChildren(tasks);
    const specs = Array.isArray(ctx.task.onResume) ? (ctx.task.onResume as InputSpec[]) : [];
    if (!specs.length) return;
    const onResume: Record<string, unknown> = {};
    for (const s of specs) if (s && typeof s.id === 'string') onResume[s.id] = s.id in result.inputs ? result.inputs[s.id] : (s.defaults ?? null);
    return { onResume };
  },
};

function pauseTasks(raw: unknown): TaskSpec[] {
  if (Array.isArray(raw)) return raw as TaskSpec[];
  if (raw && typeof raw === 'object') return [raw as TaskSpec];
  return [];
}

function onPauseBranch(task: TaskSpec) {
  const raw = task.onPause;
  if (Array.isArray(raw)) return listBranch(task, 'onPause');
  if (raw && typeof raw === 'object') return [{ key: 'onPause', path: ['onPause'], tasks: [raw as TaskSpec] }];
  return [];
}
