import type { TaskDefinition } from './TaskDefinition';

/**
 * io.kestra.plugin.core.execution.Labels: merges `labels` (a map, a list of
 * `{key, value}` or a JSON string of either) into the execution's labels.
 * Keys starting with `system.` are reserved.
 */
export const Labels: TaskDefinition = {
  type: 'io.kestra.plugin.core.execution.Labels',
  aliases: ['io.kestra.core.tasks.executions.Labels'],
  strictProperties: true,
  properties: { labels: { kind: 'any', required: true } },
  async run(ctx) {
    let raw: unknown = ctx.task.labels;
    if (typeof raw === 'string') {
      const text = ctx.render(raw);
      try {
        raw = JSON.parse(text);
      } catch {
        throw new Error(`Labels: \`labels\` must be a map, a list of {key, value} or a JSON string of one (got \`${text}\`)`);
      }
    }
    const pairs: [unknown, unknown][] = Array.isArray(raw)
      ? raw.map((l) => [(l as { key?: unknown })?.key, (l as { value?: unknown })?.value])
      : raw && typeof raw === 'object'
        ? Object.entries(raw)
        : [];
    const labels: Record<string, string> = {};
    for (const [k, v] of pairs) {
      const key = ctx.render(String(k));
      if (key.startsWith('system.')) throw new Error(`Labels: the \`system.\` prefix is reserved for system labels (\`${key}\`)`);
      labels[key] = typeof v === 'string' ? ctx.render(v) : JSON.stringify(v);
    }
    ctx.setLabels(labels);
  },
};
