import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineServices } from '../engine/runtime/EngineServices';
import type { KestraVersion } from '../engine/KestraVersion';
import type { DataManifest, Dataset } from '../engine/data/DataManifest';
import { createDataFetch } from '../engine/data/createDataFetch';
import { createDatabaseProvider } from '../engine/postgres/databaseProvider';
import { openPGlite } from '../engine/postgres/openPGlite';
import { MemoryNamespaceFiles } from '../engine/storage/NamespaceFiles';
import { FileNamespaceFiles } from './FileNamespaceFiles';
import { nodeGitRepositories } from './nodeGitRepositories';
import { createNodePython } from './runtimes/createNodePython';
import { createNodeDuckDb } from './runtimes/createNodeDuckDb';
import { withSampleFallback } from '../engine/tasks/http/sampleApis';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NODE_DATA_DIR = join(ROOT, 'public/data');
export const NODE_GIT_DIR = join(ROOT, 'public/git');
export const PGLITE_SNAPSHOT = join(ROOT, 'public/pglite/pgdata.tar.gz');

/** A file-system-safe directory name for a database name. */
const dirName = (db: string) => db.replace(/[^A-Za-z0-9_.-]/g, '_');

/**
 * Services for running flows from the command line: Postgres databases
 * (PGlite, in memory, or persisted under `db/<name>` with --db), and the
 * course's data URLs served from public/data (--dataset sample|full).
 */
export async function createNodeServices(options: { db?: string; dataset: Dataset; gitRepos?: string[]; offline?: boolean; kestraVersion?: KestraVersion }): Promise<{ services: Partial<EngineServices>; close(): Promise<void> }> {
  const snapshot = existsSync(PGLITE_SNAPSHOT) ? readFileSync(PGLITE_SNAPSHOT) : null;
  const provider = createDatabaseProvider(async (name) => {
    const dataDir = options.db ? join(resolve(options.db), dirName(name)) : undefined;
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const fresh = !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
    return openPGlite({ dataDir, loadDataDir: fresh && snapshot ? new Blob([snapshot]) : undefined });
  });
  let manifest: DataManifest | null = null;
  const readShipped = async (path: string) => {
    try {
      return new Response(await readFile(join(NODE_DATA_DIR, path)));
    } catch {
      return new Response('Not Found', { status: 404 });
    }
  };
  // dummyjson.com/products: the real address, else (or with --offline) the sample shipped in public/data/samples
  const fetch = withSampleFallback(createDataFetch({
    dataset: options.dataset,
    manifest: async () => (manifest ??= JSON.parse(await readFile(join(NODE_DATA_DIR, 'manifest.json'), 'utf8')) as DataManifest),
    readShipped: async (path) => {
      try {
        return new Response(await readFile(join(NODE_DATA_DIR, path)));
      } catch {
        return new Response('Not Found', { status: 404 });
      }
    },
    realFetch: (url, signal) => globalThis.fetch(url, { signal }),
  }), { offline: options.offline ?? false, readShipped });
  // namespace files live next to the databases with --db (a synced dbt project is there for the next run)
  const namespaceFiles = options.db ? new FileNamespaceFiles(resolve(options.db)) : new MemoryNamespaceFiles();
  const gitRepositories = nodeGitRepositories({ gitDir: NODE_GIT_DIR, mappings: options.gitRepos ?? [], fetch });
  const python = createNodePython();
  const duckdb = createNodeDuckDb();
  return {
    services: { database: provider.database, fetch, namespaceFiles, gitRepositories, python: python.load, duckdb: duckdb.load, ...(options.kestraVersion ? { kestraVersion: options.kestraVersion } : {}) },
    close: async () => {
      await Promise.all([provider.close(), python.close(), duckdb.close()]);
    },
  };
}
