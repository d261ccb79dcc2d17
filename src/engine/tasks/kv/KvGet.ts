import type { TaskDefinition } from '../TaskDefinition';
import { kvStore } from './kvStore';

/** io.kestra.plugin.core.kv.Get: output `value` of `key` (null when missing, unless `errorOnMissing`). */
export const KvGet: TaskDefinition = {
  type: 'io.kestra.plugin.core.kv.Get',
  strictProperties: true,
  properties: {
    key: { kind: 'string', required: true },
    namespace: { kind: 'string' },
    errorOnMissing: { kind: 'boolean' },
  },
  async run(ctx) {
    const key = ctx.render(String(ctx.task.key));
    const { namespace, store } = kvStore(ctx);
    if (!store.has(key) && ctx.task.errorOnMissing === true) {
      throw new Error(`No value found for key '${key}' in namespace '${namespace}' and \`errorOnMissing\` is set to true`);
    }
    return { value: store.has(key) ? store.get(key) : null };
  },
};
