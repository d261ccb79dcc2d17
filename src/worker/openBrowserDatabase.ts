import type { SqlDatabaseHandle } from '../engine/postgres/SqlDatabaseHandle';
import { openPGlite } from '../engine/postgres/openPGlite';

/** IndexedDB database name PGlite's idb:// file system uses for `idb://<name>`. */
const idbName = (name: string) => `/pglite/${name}`;

async function idbExists(name: string): Promise<boolean | null> {
  const list = (indexedDB as IDBFactory & { databases?: () => Promise<{ name?: string }[]> }).databases;
  if (!list) return null;
  try {
    return (await list.call(indexedDB)).some((d) => d.name === idbName(name));
  } catch {
    return null;
  }
}

async function fetchSnapshot(url: string): Promise<Blob | undefined> {
  try {
    const res = await fetch(url);
    return res.ok ? await res.blob() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens the in-browser database `name`, persisted in IndexedDB so its tables
 * survive a reload. A new database starts from the prebuilt data-directory
 * snapshot (faster than initdb) when the site ships one.
 */
export async function openBrowserDatabase(name: string, snapshotUrl: string): Promise<SqlDatabaseHandle> {
  const idb = `kestra-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const exists = await idbExists(idb);
  const snapshot = exists === false ? await fetchSnapshot(snapshotUrl) : undefined;
  try {
    return await openPGlite({ dataDir: `idb://${idb}`, loadDataDir: snapshot });
  } catch (e) {
    if (snapshot && /already exists/i.test((e as Error).message)) return openPGlite({ dataDir: `idb://${idb}` });
    throw e;
  }
}
