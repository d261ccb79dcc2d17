import type { TaskDefinition } from '../TaskDefinition';
import { KV_KEY_PROPERTIES, kvEntry } from './kvStore';

/** io.kestra.plugin.core.kv.Delete: removes `key`; output `deleted`. */
export const KvDelete: TaskDefinition = {
  type: 'io.kestra.plugin.core.kv.Delete',
  strictProperties: true,
  properties: KV_KEY_PROPERTIES,
  async run(ctx) {
    const { key, store } = kvEntry(ctx);
    return { deleted: store.delete(key) };
  },
};
