import type { EngineServices, RuntimeLoadListener } from '../../engine/runtime/EngineServices';
import type { PythonRuntime } from '../../engine/python/PythonRuntime';
import type { DuckDbRuntime } from '../../engine/duckdb/DuckDbRuntime';
import { withSampleFallback } from '../../engine/tasks/http/sampleApis';

/**
 * The engine worker's services for Python, DuckDB and the sample APIs, in
 * one call. The loaders are imported only when a flow first needs them, so
 * the engine worker's own bundle does not grow by DuckDB-Wasm's and Apache
 * Arrow's JavaScript (about 200 KB) until then.
 *
 * - `siteBase`: the site's root URL with its base path (e.g. https://host/base/);
 *   the runtimes are at `pyodide/` and `duckdb/` under it (scripts/copyRuntimes.ts),
 *   the samples at `data/samples/`.
 * - `onRuntimeLoad`: told "Loading Python (…, 13.4 MB)…" and "ready in 3.1 s", for the UI.
 */
export function createBrowserRuntimeServices(options: { siteBase: string; onRuntimeLoad?: RuntimeLoadListener }): {
  services: Pick<EngineServices, 'python' | 'duckdb' | 'onRuntimeLoad'>;
  /** Wraps the worker's fetch service: dummyjson.com/products falls back to the shipped sample (offline, CORS). */
  withSamples: (fetch: (url: string, signal?: AbortSignal) => Promise<Response>, offline?: boolean) => (url: string, signal?: AbortSignal) => Promise<Response>;
  close: () => Promise<void>;
} {
  const base = options.siteBase.endsWith('/') ? options.siteBase : options.siteBase + '/';
  let python: Promise<{ load: (p?: RuntimeLoadListener) => Promise<PythonRuntime>; close: () => Promise<void> }> | null = null;
  let duckdb: Promise<{ load: (p?: RuntimeLoadListener) => Promise<DuckDbRuntime>; close: () => Promise<void> }> | null = null;
  return {
    services: {
      python: async (onProgress) => {
        python ??= import('./createBrowserPython').then((m) => m.createBrowserPython({ pyodideUrl: new URL('pyodide/', base).href }));
        return (await python).load(onProgress);
      },
      duckdb: async (onProgress) => {
        duckdb ??= import('./createBrowserDuckDb').then((m) => m.createBrowserDuckDb({ duckdbUrl: new URL('duckdb/', base).href }));
        return (await duckdb).load(onProgress);
      },
      onRuntimeLoad: options.onRuntimeLoad,
    },
    withSamples: (fetch, offline = false) => withSampleFallback(fetch, { offline, readShipped: (path, signal) => globalThis.fetch(new URL(`data/${path}`, base), { signal }) }),
    close: async () => {
      await Promise.all([python && (await python).close(), duckdb && (await duckdb).close()]);
    },
  };
}
