import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DuckDbConnection, DuckDbResult, DuckDbRuntime } from '../../engine/duckdb/DuckDbRuntime';
import type { RuntimeLoadListener } from '../../engine/runtime/EngineServices';
import type { DuckDbAnswer, DuckDbRequest } from './duckdbWorkerProtocol';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = dirname(dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm')));
/** What a browser downloads to start DuckDB (the eh bundle, which every current browser runs). */
export const DUCKDB_BROWSER_FILES = ['dist/duckdb-eh.wasm', 'dist/duckdb-browser-eh.worker.js'];
const START = new URL('./startTsWorker.mjs', import.meta.url);
const ENTRY = new URL('./duckdbNodeWorker.ts', import.meta.url).href;

/** One DuckDB worker thread; terminated (and replaced on next use) when a query is aborted. */
class NodeDuckDbWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  dead = false;

  constructor() {
    this.worker = new Worker(START, { workerData: { entry: ENTRY }, execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (a: DuckDbAnswer) => {
      const p = this.pending.get(a.id);
      if (!p) return;
      this.pending.delete(a.id);
      if (a.ok) p.resolve(a.value);
      else p.reject(new Error(a.message));
    });
    const die = (why: string) => {
      this.dead = true;
      for (const p of this.pending.values()) p.reject(new Error(why));
      this.pending.clear();
    };
    this.worker.on('error', (e) => die(`DuckDB stopped: ${e.message}`));
    this.worker.on('exit', () => die('DuckDB was stopped'));
  }

  call<T>(req: DuckDbRequest): Promise<T> {
    if (this.dead) return Promise.reject(new Error('DuckDB was stopped'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, req });
    });
  }

  terminate(): void {
    this.dead = true;
    void this.worker.terminate();
  }
}

/**
 * EngineServices.duckdb for Node: DuckDB-Wasm (its blocking Node build) in a
 * worker thread, started the first time a flow runs a DuckDB task. Aborting
 * a connection's query terminates the thread; the next task starts a new
 * one (databases kept for an execution are lost with it).
 */
export function createNodeDuckDb(): { load: (onProgress?: RuntimeLoadListener) => Promise<DuckDbRuntime>; close: () => Promise<void> } {
  let current: NodeDuckDbWorker | null = null;
  let runtime: Promise<DuckDbRuntime> | null = null;
  let version = '';
  const pkgVersion = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')).version as string;

  const worker = async (): Promise<NodeDuckDbWorker> => {
    if (current && !current.dead) return current;
    const w = new NodeDuckDbWorker();
    current = w;
    version = await w.call<string>({ op: 'init' });
    return w;
  };

  const connect = async (signal: AbortSignal): Promise<DuckDbConnection> => {
    const w = await worker();
    const { cid, workingDir } = await w.call<{ cid: number; workingDir: string }>({ op: 'connect' });
    const onAbort = () => w.terminate();
    signal.addEventListener('abort', onAbort, { once: true });
    const call = <T>(req: DuckDbRequest) => (signal.aborted ? Promise.reject(new Error('DuckDB was stopped')) : w.call<T>(req));
    return {
      workingDir,
      writeFile: (path, data) => call({ op: 'writeFile', cid, path, data }),
      readFile: (path) => call<Uint8Array | null>({ op: 'readFile', cid, path }),
      query: (sql) => call<DuckDbResult>({ op: 'query', cid, sql }),
      insertJson: (path, table) => call({ op: 'insertJson', cid, path, table }),
      close: async () => {
        signal.removeEventListener('abort', onAbort);
        if (!w.dead) await w.call({ op: 'close', cid });
      },
    };
  };

  const load = (onProgress?: RuntimeLoadListener) => {
    runtime ??= (async () => {
      const bytes = ['dist/duckdb-eh.wasm'].reduce((n, f) => n + statSync(join(PACKAGE_DIR, f)).size, 0);
      onProgress?.({ runtime: 'duckdb', phase: 'loading', totalBytes: bytes, message: `Loading DuckDB (DuckDB-Wasm ${pkgVersion}, ${(bytes / 1e6).toFixed(1)} MB)…` });
      const started = Date.now();
      try {
        await worker();
      } catch (e) {
        runtime = null;
        onProgress?.({ runtime: 'duckdb', phase: 'failed', message: `DuckDB could not start: ${(e as Error).message}` });
        throw e;
      }
      const ms = Date.now() - started;
      const description = `DuckDB ${version} (DuckDB-Wasm ${pkgVersion})`;
      onProgress?.({ runtime: 'duckdb', phase: 'ready', totalBytes: bytes, ms, message: `DuckDB ready: ${description}, started in ${(ms / 1000).toFixed(1)} s` });
      return {
        get description() {
          return `DuckDB ${version} (DuckDB-Wasm ${pkgVersion})`;
        },
        connect,
        close: async () => current?.terminate(),
      };
    })();
    return runtime;
  };
  return {
    load,
    close: async () => {
      current?.terminate();
      current = null;
      runtime = null;
    },
  };
}
