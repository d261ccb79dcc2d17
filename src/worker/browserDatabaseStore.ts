/**
 * Where the in-browser databases live. OPFS (the origin private file system)
 * through PGlite's access-handle pool (`opfs-ahp://`), which writes pages
 * straight to files and works only in a dedicated worker like this one;
 * IndexedDB (`idb://`) where OPFS is missing. A database kept in IndexedDB by
 * an earlier version of the site is moved to OPFS once (migrateFromIndexedDb).
 */
export type BrowserDatabaseStore = 'opfs' | 'idb';

/** IndexedDB database name PGlite's idb:// file system uses for `idb://<slug>`. */
export const idbDatabaseName = (slug: string) => `/pglite/${slug}`;

export const databaseSlug = (name: string) => `kestra-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function browserDatabaseStore(): BrowserDatabaseStore {
  const g = globalThis as unknown as { FileSystemSyncAccessHandle?: unknown; navigator?: { storage?: { getDirectory?: unknown } } };
  return typeof g.FileSystemSyncAccessHandle !== 'undefined' && typeof g.navigator?.storage?.getDirectory === 'function' ? 'opfs' : 'idb';
}

export function dataDirOf(slug: string, store: BrowserDatabaseStore): string {
  return store === 'opfs' ? `opfs-ahp://${slug}` : `idb://${slug}`;
}

/** True when OPFS has a directory for this database (PGlite's pool keeps one per data directory). */
export async function opfsHasDatabase(slug: string): Promise<boolean> {
  try {
    const root = await navigator.storage.getDirectory();
    await root.getDirectoryHandle(slug);
    return true;
  } catch {
    return false;
  }
}

/** Every database OPFS holds (directory names `kestra-<name>`). */
export async function opfsDatabaseSlugs(): Promise<string[]> {
  try {
    const root = (await navigator.storage.getDirectory()) as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> };
    const out: string[] = [];
    for await (const name of root.keys()) if (name.startsWith('kestra-')) out.push(name);
    return out;
  } catch {
    return [];
  }
}

/** Every database IndexedDB holds, as slugs; null when the browser cannot list them. */
export async function idbDatabaseSlugs(): Promise<string[] | null> {
  const list = (indexedDB as IDBFactory & { databases?: () => Promise<{ name?: string }[]> }).databases;
  if (!list) return null;
  try {
    return (await list.call(indexedDB)).map((d) => d.name ?? '').filter((n) => n.startsWith('/pglite/kestra-')).map((n) => n.slice('/pglite/'.length));
  } catch {
    return null;
  }
}

export function deleteIdbDatabase(slug: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(idbDatabaseName(slug));
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

export async function deleteOpfsDatabase(slug: string): Promise<void> {
  try {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(slug, { recursive: true });
  } catch {
    /* not there */
  }
}
