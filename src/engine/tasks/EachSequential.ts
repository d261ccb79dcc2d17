import type { TaskContext } from '../runtime/TaskContext';
import type { TaskDefinition } from './TaskDefinition';
import { loopValues, runIterations } from './ForEach';
import { listBranch, localBranches } from './localBranches';

/** The iterations of EachSequential / EachParallel: `tasks` once per distinct value of `value`, `limit` at a time (0 = all). */
const eachValue = (ctx: TaskContext, limit: number) => runIterations(ctx, loopValues(ctx.task.value, (t) => ctx.render(t)), limit);

const PROPERTIES = { value: { kind: 'any', required: true }, tasks: { kind: 'tasks', required: true }, errors: { kind: 'tasks' }, finally: { kind: 'tasks' } } as const;

/** io.kestra.plugin.core.flow.EachSequential (deprecated for ForEach, Kestra still runs it): ForEach one value at a time. */
export const EachSequential: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.EachSequential',
  aliases: ['io.kestra.core.tasks.flows.EachSequential'],
  flowable: true,
  strictProperties: true,
  properties: { ...PROPERTIES },
  branches: (task) => [...listBranch(task, 'tasks'), ...localBranches(task)],
  run: (ctx) => eachValue(ctx, 1),
};

/** io.kestra.plugin.core.flow.EachParallel (deprecated for ForEach with concurrencyLimit): every value at once, or `concurrent` at a time. */
export const EachParallel: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.EachParallel',
  aliases: ['io.kestra.core.tasks.flows.EachParallel'],
  flowable: true,
  strictProperties: true,
  properties: { ...PROPERTIES, concurrent: { kind: 'number' } },
  branches: (task) => [...listBranch(task, 'tasks'), ...localBranches(task)],
  run: (ctx) => eachValue(ctx, Number(ctx.task.concurrent ?? 0) || 0),
};
