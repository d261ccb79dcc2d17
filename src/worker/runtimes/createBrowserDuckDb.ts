import { AsyncDuckDB, VoidLogger, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { DuckDbConnection, DuckDbRuntime } from '../../engine/duckdb/DuckDbRuntime';
import { arrowRows, type ArrowTableLike } from '../../engine/duckdb/arrowRows';
import type { RuntimeLoadListener } from '../../engine/runtime/EngineServices';
import { readRuntimeManifest, totalBytes } from './runtimeManifest';

/** How long a cancelled query gets to stop before DuckDB's worker is terminated. */
const CANCEL_GRACE_MS = 1000;

/**
 * EngineServices.duckdb for the engine's Web Worker: DuckDB-Wasm's own
 * worker (AsyncDuckDB, the "eh" bundle every current browser runs), loaded
 * the first time a flow runs a DuckDB task from `duckdbUrl` (the site's copy
 * made by scripts/copyRuntimes.ts, e.g. `${BASE_URL}duckdb/`). Files live in
 * DuckDB-Wasm's memory (registered buffers) under a working directory per
 * connection. Kill cancels the query, then terminates DuckDB's worker if it
 * does not stop; the next task starts a new one.
 */
export function createBrowserDuckDb(options: { duckdbUrl: string }): { load: (onProgress?: RuntimeLoadListener) => Promise<DuckDbRuntime>; close: () => Promise<void> } {
  const dir = options.duckdbUrl.endsWith('/') ? options.duckdbUrl : options.duckdbUrl + '/';
  let current: { db: AsyncDuckDB; worker: Worker } | null = null;
  let runtime: Promise<DuckDbRuntime> | null = null;
  let version = '';
  let pkgVersion = '';
  let nextDir = 1;

  const start = async () => {
    if (current) return current;
    const worker = new Worker(new URL('duckdb-browser-eh.worker.js', dir));
    const db = new AsyncDuckDB(new VoidLogger(), worker);
    await db.instantiate(new URL('duckdb-eh.wasm', dir).href);
    await db.open({ query: { castDecimalToDouble: true } });
    version = await db.getVersion();
    current = { db, worker };
    return current;
  };
  const stop = () => {
    current?.worker.terminate();
    current = null;
  };

  const connect = async (signal: AbortSignal): Promise<DuckDbConnection> => {
    const { db } = await start();
    const conn: AsyncDuckDBConnection = await db.connect();
    const workingDir = `/kestra-wd/${nextDir++}`;
    const registered = new Set<string>();
    let stopped = false;
    const onAbort = () => {
      stopped = true;
      void conn.cancelSent().catch(() => false);
      const mine = current;
      setTimeout(() => {
        if (current === mine) stop();
      }, CANCEL_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const guard = <T>(p: () => Promise<T>) => (stopped ? Promise.reject(new Error('DuckDB was stopped')) : p());
    return {
      workingDir,
      writeFile: (path, data) =>
        guard(async () => {
          // a copy: DuckDB-Wasm transfers the buffer to its worker
          await db.registerFileBuffer(path, data.slice());
          registered.add(path);
        }),
      readFile: (path) => guard(async () => db.copyFileToBuffer(path).catch(() => null)),
      query: (sql) => guard(async () => arrowRows((await conn.query(sql)) as unknown as ArrowTableLike)),
      insertJson: (path, table) => guard(() => conn.insertJSONFromPath(path, { name: table })),
      close: async () => {
        signal.removeEventListener('abort', onAbort);
        if (stopped || current?.db !== db) return;
        await conn.close().catch(() => undefined);
        // everything under the working directory: the given files and what COPY … TO wrote there
        const written = (await db.globFiles(`${workingDir}/*`).catch(() => [])).map((f) => f.fileName);
        await db.dropFiles([...new Set([...registered, ...written])]).catch(() => undefined);
      },
    };
  };

  const load = (onProgress?: RuntimeLoadListener) => {
    runtime ??= (async () => {
      try {
        const manifest = await readRuntimeManifest(dir);
        pkgVersion = manifest.version;
        const bytes = totalBytes(manifest);
        onProgress?.({ runtime: 'duckdb', phase: 'loading', totalBytes: bytes, message: `Loading DuckDB (DuckDB-Wasm ${pkgVersion}, ${(bytes / 1e6).toFixed(1)} MB)…` });
        const started = Date.now();
        await start();
        const ms = Date.now() - started;
        onProgress?.({ runtime: 'duckdb', phase: 'ready', totalBytes: bytes, ms, message: `DuckDB ready: DuckDB ${version} (DuckDB-Wasm ${pkgVersion}), started in ${(ms / 1000).toFixed(1)} s` });
      } catch (e) {
        runtime = null;
        onProgress?.({ runtime: 'duckdb', phase: 'failed', message: `DuckDB could not start: ${(e as Error).message}` });
        throw e;
      }
      return {
        get description() {
          return `DuckDB ${version} (DuckDB-Wasm ${pkgVersion})`;
        },
        connect,
        close: async () => stop(),
      };
    })();
    return runtime;
  };
  return {
    load,
    close: async () => {
      stop();
      runtime = null;
    },
  };
}
