import type { TaskDefinition } from '../TaskDefinition';
import { kvStore } from './kvStore';

/** io.kestra.plugin.core.kv.Set: stores `value` (its rendered type kept) under `key` in the namespace's KV store (this browser's). */
export const KvSet: TaskDefinition = {
  type: 'io.kestra.plugin.core.kv.Set',
  strictProperties: true,
  properties: {
    key: { kind: 'string', required: true },
    value: { kind: 'any', required: true },
    namespace: { kind: 'string' },
    overwrite: { kind: 'boolean' },
    kvType: { kind: 'string', values: ['STRING', 'NUMBER', 'BOOLEAN', 'DATETIME', 'DATE', 'DURATION', 'JSON'] },
    ttl: { kind: 'duration' },
  },
  async run(ctx) {
    const key = ctx.render(String(ctx.task.key));
    const { namespace, store } = kvStore(ctx);
    if (ctx.task.overwrite === false && store.has(key)) {
      throw new Error(`Cannot set value for key '${key}'. Key already exists and \`overwrite\` is set to \`false\`.`);
    }
    // one `{{ expression }}` keeps its type, as Kestra's renderTyped: a map stays a map
    let value = typeof ctx.task.value === 'string' ? ctx.renderTyped(ctx.task.value) : ctx.renderValue(ctx.task.value);
    const kvType = ctx.task.kvType ? String(ctx.task.kvType) : null;
    if (typeof value === 'string' && kvType === 'NUMBER') value = Number(value);
    else if (typeof value === 'string' && kvType === 'BOOLEAN') value = value === 'true';
    else if (typeof value === 'string' && kvType === 'JSON') value = JSON.parse(value);
    store.set(key, value);
    ctx.log('DEBUG', `Set key '${key}' in namespace '${namespace}'`);
  },
};
