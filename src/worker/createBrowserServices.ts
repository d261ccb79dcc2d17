import type { EngineServices, SqlDatabase } from '../engine/runtime/EngineServices';
import type { DataManifest, Dataset } from '../engine/data/DataManifest';
import { createDataFetch } from '../engine/data/createDataFetch';
import { restoreGzip } from './restoreGzip';
import { createGitRepositories, type GitManifest } from '../engine/git/GitRepositories';
import { githubTarballDownloader } from '../engine/git/downloadGithubTarball';
import type { RuntimeLoadListener } from '../engine/runtime/EngineServices';
import { createBrowserRuntimeServices } from './runtimes/browserRuntimeServices';
import { PersistentNamespaceFiles } from './PersistentNamespaceFiles';

/** One store of namespace files per worker (the Files panel and the flows share it). */
export const namespaceFiles = new PersistentNamespaceFiles();

let runtimeListener: RuntimeLoadListener = () => undefined;
/** Receives "Loading Python, 13.4 MB…" and the like (the worker forwards it to the page). */
export function onRuntimeLoad(listener: RuntimeLoadListener): void {
  runtimeListener = listener;
}

let runtimes: ReturnType<typeof createBrowserRuntimeServices> | null = null;

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
  // the site's root, under whatever base path it was built for (data/ is directly under it)
  const siteBase = new URL('../', base).href;
  runtimes ??= createBrowserRuntimeServices({ siteBase, onRuntimeLoad: (p) => runtimeListener(p) });
  let gitManifest: Promise<GitManifest> | null = null;
  const gitRepositories = createGitRepositories({
    shipped: {
      manifest: () =>
        (gitManifest ??= fetch(new URL('git/manifest.json', siteBase)).then((r) => {
          if (!r.ok) throw new Error(`cannot load the site's git/manifest.json (${r.status})`);
          return r.json() as Promise<GitManifest>;
        })),
      read: async (path) => {
        const r = await fetch(new URL(`git/${path}`, siteBase));
        return r.ok ? new Uint8Array(await r.arrayBuffer()) : null;
      },
    },
    download: githubTarballDownloader((url, signal) => fetch(url, { signal }), 'the browser could not download this repository (no network, or the server does not allow it: CORS); the course repository comes from the copy this site ships'),
  });
  return {
    database: options.database,
    fetch: runtimes.withSamples(fetchService),
    namespaceFiles,
    gitRepositories,
    ...runtimes.services,
  };
}
