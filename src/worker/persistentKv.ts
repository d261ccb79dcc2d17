import { createStore, get, set } from 'idb-keyval';

type KvMap = Map<string, Map<string, unknown>>;
const store = () => createStore('kestra-playground-kv', 'namespaces');

/** The KV store (per namespace) as this browser kept it; empty when there is none yet. */
export async function loadKv(): Promise<KvMap> {
  try {
    const saved = (await get('kv', store())) as Record<string, Record<string, unknown>> | undefined;
    return new Map(Object.entries(saved ?? {}).map(([ns, entries]) => [ns, new Map(Object.entries(entries))]));
  } catch {
    return new Map();
  }
}

/** Saves the KV store after a run, so kv() and kv.Get see the values after a reload. */
export async function saveKv(kv: KvMap): Promise<void> {
  const plain = Object.fromEntries([...kv].map(([ns, entries]) => [ns, Object.fromEntries(entries)]));
  try {
    await set('kv', plain, store());
  } catch {
    /* IndexedDB unavailable: the values live until the page closes */
  }
}
