import type { EngineServices } from '../engine/runtime/EngineServices';
import type { RunSettings } from './protocol';
import { createBrowserServices, snapshotUrlOf } from './createBrowserServices';
import { PersistentStorage } from './PersistentStorage';
import { loadKv, saveKv, type LoadedKv } from './persistentKv';
import { databaseCalls } from './databaseCalls';
import { browserDatabases } from './browserDatabases';
import { browserFlows } from './browserFlows';

/**
 * Services of this worker: one internal storage (so the Outputs tab can
 * preview files, also after a reload), the KV store kept in IndexedDB, and
 * the in-browser databases (PGlite, loaded only when a Postgres task first
 * runs, under the cross-tab lease).
 */
export const storage = new PersistentStorage();

export interface RunServices {
  services: Partial<EngineServices>;
  /** After the run: saves the KV store's changes and lets go of the databases. */
  finish(): Promise<void>;
}

/**
 * The services one run gets. `longLived` (the scheduler): the databases are
 * not counted as in use by this run; the caller holds the lease for each
 * execution it starts (browserDatabases().hold()).
 */
export async function workerServices(settings: RunSettings, longLived = false): Promise<RunServices> {
  const kv: LoadedKv = await loadKv();
  const all = browserDatabases(snapshotUrlOf(settings.dataBase));
  const dbs = longLived ? { database: all.database, done: () => undefined } : all.use();
  const services: Partial<EngineServices> = {
    storage,
    kv: kv.kv,
    secrets: settings.secrets ?? {},
    kestraVersion: settings.kestraVersion,
    flows: await browserFlows(new URL('../', settings.dataBase.endsWith('/') ? settings.dataBase : settings.dataBase + '/').href, settings.flows ?? []),
    ...createBrowserServices({ dataBase: settings.dataBase, dataset: settings.dataset, database: dbs.database }),
  };
  return {
    services,
    finish: async () => {
      await saveKv(kv);
      dbs.done();
    },
  };
}

/** The database panel's calls, on the same databases the flows use; each call is one use of the lease. */
export function panelDatabase(dataBase: string) {
  return databaseCalls(() => browserDatabases(snapshotUrlOf(dataBase)).use());
}
