import type { SqlDatabaseHandle } from '../engine/postgres/SqlDatabaseHandle';
import { openPGlite } from '../engine/postgres/openPGlite';
import {
  browserDatabaseStore,
  databaseSlug,
  dataDirOf,
  deleteIdbDatabase,
  idbDatabaseSlugs,
  opfsHasDatabase,
  type BrowserDatabaseStore,
} from './browserDatabaseStore';

async function fetchSnapshot(url: string): Promise<Blob | undefined> {
  try {
    const res = await fetch(url);
    return res.ok ? await res.blob() : undefined;
  } catch {
    return undefined;
  }
}

export interface BrowserDatabaseHandle extends SqlDatabaseHandle {
  store: BrowserDatabaseStore;
  /** Resolves once everything written so far is in OPFS / IndexedDB (survives a reload or a closed browser). */
  durable(): Promise<void>;
}

interface PGliteLike {
  query(sql: string): Promise<unknown>;
  syncToFs(): Promise<void>;
  dumpDataDir(compression?: 'gzip' | 'none' | 'auto'): Promise<Blob | File>;
  fs?: { syncToFs(relaxedDurability?: boolean): Promise<void> };
}

/**
 * Makes what PGlite wrote durable. PGlite syncs its file system after each
 * statement, but a sync asked for while another is pending returns at once
 * (it counts on the pending one), so the last statements of a run could still
 * be only in memory when the run reported SUCCESS. Here the file system is
 * synced directly, after a statement that waits for every earlier one.
 */
async function makeDurable(pg: PGliteLike): Promise<void> {
  await pg.query('SELECT 1');
  if (pg.fs?.syncToFs) await pg.fs.syncToFs(false);
  else await pg.syncToFs();
}

function withDurability(handle: SqlDatabaseHandle, store: BrowserDatabaseStore): BrowserDatabaseHandle {
  return { ...handle, store, durable: () => makeDurable(handle.raw as PGliteLike) };
}

/** A database IndexedDB kept for an earlier version of the site, moved to OPFS once and then removed from IndexedDB. */
async function migrateFromIndexedDb(slug: string): Promise<Blob | undefined> {
  const old = await openPGlite({ dataDir: dataDirOf(slug, 'idb') });
  try {
    return (await (old.raw as PGliteLike).dumpDataDir('gzip')) as Blob;
  } finally {
    await old.close();
  }
}

/**
 * Opens the in-browser database `name`, persisted (OPFS, else IndexedDB) so
 * its tables survive a reload. A new database starts from the prebuilt
 * data-directory snapshot (faster than initdb) when the site ships one.
 */
export async function openBrowserDatabase(name: string, snapshotUrl: string): Promise<BrowserDatabaseHandle> {
  const slug = databaseSlug(name);
  const store = browserDatabaseStore();
  let loadDataDir: Blob | undefined;
  let migrated = false;
  if (store === 'opfs') {
    if (!(await opfsHasDatabase(slug))) {
      const inIdb = (await idbDatabaseSlugs())?.includes(slug) ?? false;
      if (inIdb) {
        loadDataDir = await migrateFromIndexedDb(slug);
        migrated = true;
      } else {
        loadDataDir = await fetchSnapshot(snapshotUrl);
      }
    }
  } else {
    const known = await idbDatabaseSlugs();
    if (known && !known.includes(slug)) loadDataDir = await fetchSnapshot(snapshotUrl);
  }
  let handle: SqlDatabaseHandle;
  try {
    handle = await openPGlite({ dataDir: dataDirOf(slug, store), loadDataDir });
  } catch (e) {
    if (!loadDataDir || !/already exists/i.test((e as Error).message)) throw e;
    handle = await openPGlite({ dataDir: dataDirOf(slug, store) });
  }
  const opened = withDurability(handle, store);
  if (migrated) {
    await opened.durable();
    await deleteIdbDatabase(slug);
  }
  return opened;
}
