import type { EngineServices } from '../engine/runtime/EngineServices';
import { MemoryStorage } from '../engine/storage/MemoryStorage';
import type { RunSettings } from './protocol';
import { createBrowserServices } from './createBrowserServices';

/**
 * Services shared by every execution in this worker: one internal storage (so
 * the Outputs tab can preview files after a run), one KV store, and the
 * in-browser databases (PGlite, loaded only when a Postgres task first runs).
 */
export const storage = new MemoryStorage();
const kv = new Map<string, Map<string, unknown>>();

export function workerServices(settings: RunSettings): Partial<EngineServices> {
  return { storage, kv, secrets: settings.secrets ?? {}, ...createBrowserServices({ dataBase: settings.dataBase, dataset: settings.dataset }) };
}

/** The databases, for the database panel; `dataBase` locates the prebuilt snapshot. */
export function openDatabase(name: string, dataBase: string) {
  const services = createBrowserServices({ dataBase, dataset: 'sample' });
  return services.database!(name);
}
