import type { TaskSpec } from '../flow/Flow';
import { runPool } from '../runtime/runPool';
import type { TaskContext } from '../runtime/TaskContext';
import type { TaskDefinition } from './TaskDefinition';
import { listBranch, localBranches } from './localBranches';

/**
 * io.kestra.plugin.core.flow.ForEach: runs `tasks` once per distinct value of
 * `values` (a list, or a JSON string of a list). Inside, `taskrun.value` is
 * the value (objects as JSON), `taskrun.iteration` its index, and a task's
 * outputs are `outputs.<task>[value]`. `concurrencyLimit` groups run at a
 * time: 1 (the default) one after the other, 0 all at once.
 */
export const ForEach: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.ForEach',
  flowable: true,
  strictProperties: true,
  properties: {
    values: { kind: 'any', required: true },
    tasks: { kind: 'tasks', required: true },
    concurrencyLimit: { kind: 'number' },
    errors: { kind: 'tasks' },
    finally: { kind: 'tasks' },
  },
  branches: (task) => [...listBranch(task, 'tasks'), ...localBranches(task)],
  async run(ctx) {
    const limit = ctx.task.concurrencyLimit === undefined ? 1 : Number(ctx.task.concurrencyLimit) || 0;
    await runIterations(ctx, loopValues(ctx.task.values, (t) => ctx.render(t)), limit);
  },
};

/** `tasks` once per value, `limit` at a time (0 = all); no new iteration starts after one failed or the run was killed. Shared with EachSequential / EachParallel. */
export async function runIterations(ctx: TaskContext, values: string[], limit: number): Promise<void> {
  let failed = false;
  await runPool(
    values,
    limit,
    async (value, iteration) => {
      const s = await ctx.runChildren(ctx.task.tasks as TaskSpec[], { value, iteration });
      if (s === 'FAILED' || s === 'KILLED') failed = true;
    },
    () => failed || ctx.signal.aborted,
  );
}

/** Java's toString of a parsed JSON value (Arrays.toString of the list Kestra read). */
function javaString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(javaString).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${javaString(x)}`).join(', ')}}`;
  return String(v);
}

/** The distinct loop values as strings (Kestra writes non-string values as JSON). */
export function loopValues(raw: unknown, render: (template: string) => string): string[] {
  let list: unknown = raw;
  if (typeof raw === 'string') {
    const text = render(raw);
    try {
      list = JSON.parse(text);
    } catch {
      throw new Error(`ForEach: \`values\` must be a list or a JSON array (got \`${text}\`)`);
    }
  }
  if (!Array.isArray(list)) throw new Error('ForEach: `values` must be a list or a JSON array');
  if (list.some((v) => v === null || v === undefined)) {
    // Kestra's FlowableUtils#resolveEachTasks counts the distinct nulls (so at most one) and prints the values as Java does
    throw new Error(`Found '1' null values on Each, with values=[${list.map(javaString).join(', ')}]`);
  }
  // distinct values, in order (a Set: linear in the number of values)
  const out = new Set<string>();
  for (const v of list) out.add(typeof v === 'string' ? render(v) : JSON.stringify(v));
  return [...out];
}
