import type { EngineServices, SqlDatabase } from '../engine/runtime/EngineServices';
import type { DataManifest, Dataset } from '../engine/data/DataManifest';
import { createDataFetch } from '../engine/data/createDataFetch';
import { restoreGzip } from './restoreGzip';

/** Where the prebuilt data-directory snapshot lives, next to the site's data/ folder. */
export function snapshotUrlOf(dataBase: string): string {
  const base = dataBase.endsWith('/') ? dataBase : dataBase + '/';
  return new URL('../pglite/pgdata.tar.gz', base).href;
}

/**
 * Services for the engine's Web Worker.
 * - `database(name)`: given by the caller (see browserDatabases.ts: PGlite in
 *   this worker, under the cross-tab lease, durable before an execution ends).
 * - `fetch(url)`: the course's GitHub release URLs come from the site's own
 *   data/ copies (`dataBase`, e.g. https://host/base/data/), sample or full
 *   month; other URLs are fetched for real when the browser allows it.
 */
export function createBrowserServices(options: { dataBase: string; dataset: Dataset; database: (name: string) => Promise<SqlDatabase> }): Partial<EngineServices> {
  const base = options.dataBase.endsWith('/') ? options.dataBase : options.dataBase + '/';
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
  return { database: options.database, fetch: fetchService };
}
