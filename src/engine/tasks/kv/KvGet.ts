import type { TaskDefinition } from '../TaskDefinition';
import { KV_KEY_PROPERTIES, kvEntry } from './kvStore';

/** io.kestra.plugin.core.kv.Get: output `value` of `key` (null when missing, unless `errorOnMissing`). */
export const KvGet: TaskDefinition = {
  type: 'io.kestra.plugin.core.kv.Get',
  strictProperties: true,
  properties: KV_KEY_PROPERTIES,
  async run(ctx) {
    const { key, store } = kvEntry(ctx);
    return { value: store.has(key) ? store.get(key) : null };
  },
};
