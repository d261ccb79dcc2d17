import type { EngineServices } from '../engine/runtime/EngineServices';
import type { DataManifest, Dataset } from '../engine/data/DataManifest';
import { createDataFetch } from '../engine/data/createDataFetch';
import { createDatabaseProvider, type DatabaseProvider } from '../engine/postgres/databaseProvider';
import { openBrowserDatabase } from './openBrowserDatabase';
import { restoreGzip } from './restoreGzip';

/** One provider per worker: calling createBrowserServices again (e.g. to switch dataset) reuses the open databases. */
let shared: DatabaseProvider | null = null;

/**
 * Services for the engine's Web Worker.
 * - `database(name)`: PGlite in this worker, booted (and downloaded) only when a
 *   Postgres task first runs, one IndexedDB-persisted database per JDBC name.
 * - `fetch(url)`: the course's GitHub release URLs come from the site's own
 *   data/ copies (`dataBase`, e.g. https://host/base/data/), sample or full
 *   month; other URLs are fetched for real when the browser allows it.
 */
export function createBrowserServices(options: { dataBase: string; dataset: Dataset }): Partial<EngineServices> {
  const base = options.dataBase.endsWith('/') ? options.dataBase : options.dataBase + '/';
  const snapshotUrl = new URL('../pglite/pgdata.tar.gz', base).href;
  const provider = (shared ??= createDatabaseProvider((name) => openBrowserDatabase(name, snapshotUrl)));
  let manifest: Promise<DataManifest> | null = null;
  const fetchService = createDataFetch({
    dataset: options.dataset,
    manifest: () =>
      (manifest ??= fetch(new URL('manifest.json', base)).then((r) => {
        if (!r.ok) throw new Error(`cannot load ${base}manifest.json (${r.status})`);
        return r.json() as Promise<DataManifest>;
      })),
    readShipped: async (path, signal) => {
      const res = await fetch(new URL(path, base), { signal });
      return path.endsWith('.gz') ? restoreGzip(res) : res;
    },
    realFetch: (url, signal) => fetch(url, { signal }),
    networkNote: 'the browser blocked or could not reach this URL; a page can only download from servers that allow it (CORS)',
  });
  return { database: provider.database, fetch: fetchService };
}
