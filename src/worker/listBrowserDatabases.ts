import { browserDatabaseStore, idbDatabaseSlugs, opfsDatabaseSlugs } from './browserDatabaseStore';

/** Names of the in-browser databases earlier runs kept (OPFS, and IndexedDB ones not yet moved). */
export async function listBrowserDatabases(): Promise<string[]> {
  const slugs = new Set<string>(await idbDatabaseSlugs() ?? []);
  if (browserDatabaseStore() === 'opfs') for (const s of await opfsDatabaseSlugs()) slugs.add(s);
  return [...slugs].map((s) => s.slice('kestra-'.length)).sort();
}
