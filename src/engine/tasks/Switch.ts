import type { TaskSpec } from '../flow/Flow';
import type { ChildBranch, TaskDefinition } from './TaskDefinition';
import { listBranch, localBranches } from './localBranches';

/**
 * io.kestra.plugin.core.flow.Switch: renders `value` to a string and runs the
 * `cases` entry whose key equals it exactly, else `defaults`. Outputs `value`
 * and `defaults` (true when no case matched). No match and no defaults: the
 * task fails (Kestra's "No task found").
 */
export const Switch: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.Switch',
  aliases: ['io.kestra.core.tasks.flows.Switch'],
  flowable: true,
  strictProperties: true,
  properties: {
    value: { kind: 'any', required: true },
    cases: { kind: 'map' },
    defaults: { kind: 'tasks' },
    errors: { kind: 'tasks' },
    finally: { kind: 'tasks' },
  },
  branches: (task) => {
    const cases = task.cases && typeof task.cases === 'object' && !Array.isArray(task.cases) ? (task.cases as Record<string, unknown>) : {};
    const out: ChildBranch[] = Object.entries(cases)
      .filter(([, tasks]) => Array.isArray(tasks))
      .map(([key, tasks]) => ({ key: `cases.${key}`, path: ['cases', key], tasks: tasks as TaskSpec[] }));
    return [...out, ...listBranch(task, 'defaults'), ...localBranches(task)];
  },
  async run(ctx) {
    const raw = ctx.task.value;
    const value = typeof raw === 'string' ? ctx.render(raw) : JSON.stringify(raw);
    const cases = (ctx.task.cases ?? {}) as Record<string, TaskSpec[]>;
    const matched = Object.prototype.hasOwnProperty.call(cases, value);
    const outputs = { value, defaults: !matched };
    const tasks = matched ? cases[value] : (ctx.task.defaults as TaskSpec[] | undefined);
    if (!Array.isArray(tasks)) {
      ctx.log('WARN', `No task found on flow '${ctx.execution.namespace}.${ctx.execution.flowId}', task '${ctx.task.id}', execution '${ctx.execution.id}'`);
      throw new Error(`Switch: no case matches the value \`${value}\` and there are no \`defaults\``);
    }
    await ctx.runChildren(tasks);
    return outputs;
  },
};
