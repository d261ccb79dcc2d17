import { createStore, del, entries, set } from 'idb-keyval';

type KvMap = Map<string, Map<string, unknown>>;
let kvStore: ReturnType<typeof createStore> | null = null;
const store = () => (kvStore ??= createStore('kestra-playground-kv', 'entries'));
const SEP = '\u0000';

/** A KV store loaded for one run, and what it held when loaded (to save only what the run changed). */
export interface LoadedKv {
  kv: KvMap;
  loaded: Map<string, string>;
}

/**
 * The KV store (per namespace) as this browser keeps it: one IndexedDB entry
 * per key, read fresh at the start of each run, so two tabs setting different
 * keys never overwrite each other's.
 */
export async function loadKv(): Promise<LoadedKv> {
  const kv: KvMap = new Map();
  const loaded = new Map<string, string>();
  try {
    for (const [k, v] of await entries<string, unknown>(store())) {
      const [ns, key] = String(k).split(SEP);
      if (key === undefined) continue;
      if (!kv.has(ns)) kv.set(ns, new Map());
      kv.get(ns)!.set(key, v);
      loaded.set(String(k), JSON.stringify(v));
    }
  } catch {
    /* IndexedDB unavailable: the values live until the page closes */
  }
  return { kv, loaded };
}

/** Saves what a run set or deleted, key by key. */
export async function saveKv({ kv, loaded }: LoadedKv): Promise<void> {
  const now = new Map<string, unknown>();
  for (const [ns, m] of kv) for (const [key, v] of m) now.set(`${ns}${SEP}${key}`, v);
  try {
    for (const [k, v] of now) if (loaded.get(k) !== JSON.stringify(v)) await set(k, v, store());
    for (const k of loaded.keys()) if (!now.has(k)) await del(k, store());
  } catch {
    /* IndexedDB unavailable */
  }
}
