import type { TaskDefinition } from '../TaskDefinition';
import { kvStore } from './kvStore';

/** io.kestra.plugin.core.kv.GetKeys: output `keys`, the namespace's keys that start with `prefix` (all without one). */
export const KvGetKeys: TaskDefinition = {
  type: 'io.kestra.plugin.core.kv.GetKeys',
  strictProperties: true,
  properties: { prefix: { kind: 'string' }, namespace: { kind: 'string' } },
  async run(ctx) {
    const { store } = kvStore(ctx);
    const prefix = ctx.task.prefix === undefined || ctx.task.prefix === null ? '' : ctx.render(String(ctx.task.prefix));
    return { keys: [...store.keys()].filter((k) => k.startsWith(prefix)) };
  },
};
