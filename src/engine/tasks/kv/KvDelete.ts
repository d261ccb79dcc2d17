import type { TaskDefinition } from '../TaskDefinition';
import { kvStore } from './kvStore';

/** io.kestra.plugin.core.kv.Delete: removes `key`; output `deleted`. */
export const KvDelete: TaskDefinition = {
  type: 'io.kestra.plugin.core.kv.Delete',
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
    return { deleted: store.delete(key) };
  },
};
