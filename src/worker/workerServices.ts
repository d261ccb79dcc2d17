import type { EngineServices } from '../engine/runtime/EngineServices';
import type { RunSettings } from './protocol';
import { createBrowserServices } from './createBrowserServices';
import { PersistentStorage } from './PersistentStorage';
import { loadKv, saveKv } from './persistentKv';
import { databaseCalls } from './databaseCalls';

/**
 * Services shared by every execution in this worker: one internal storage (so
 * the Outputs tab can preview files, also after a reload), one KV store kept
 * in IndexedDB, and the in-browser databases (PGlite, loaded only when a
 * Postgres task first runs).
 */
export const storage = new PersistentStorage();
let kv: Promise<Map<string, Map<string, unknown>>> | null = null;

export async function workerServices(settings: RunSettings): Promise<Partial<EngineServices>> {
  kv ??= loadKv();
  return { storage, kv: await kv, secrets: settings.secrets ?? {}, ...createBrowserServices({ dataBase: settings.dataBase, dataset: settings.dataset }) };
}

/** Called after each run: keeps the KV store for the next page load. */
export async function persistAfterRun(): Promise<void> {
  if (kv) await saveKv(await kv);
}

/** The database panel's calls, on the same databases the flows use; `dataBase` locates the prebuilt snapshot. */
export function panelDatabase(dataBase: string) {
  return databaseCalls(createBrowserServices({ dataBase, dataset: 'sample' }).database!);
}
