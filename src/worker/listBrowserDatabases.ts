const PREFIX = '/pglite/kestra-';

/** Names of the in-browser databases persisted in IndexedDB by earlier runs (see openBrowserDatabase). */
export async function listBrowserDatabases(): Promise<string[]> {
  const list = (indexedDB as IDBFactory & { databases?: () => Promise<{ name?: string }[]> }).databases;
  if (!list) return [];
  try {
    return (await list.call(indexedDB)).map((d) => d.name ?? '').filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length));
  } catch {
    return [];
  }
}
