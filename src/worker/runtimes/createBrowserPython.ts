import { PythonWorkerPool } from '../../engine/python/PythonWorkerPool';
import { normalizePackageName, pyodidePackages, type PyodideLock } from '../../engine/python/pyodidePackages';
import type { PythonRuntime } from '../../engine/python/PythonRuntime';
import type { RuntimeLoadListener } from '../../engine/runtime/EngineServices';
import type { FromPythonWorker, StoppableWorker, ToPythonWorker } from '../../engine/python/pythonWorkerProtocol';
import { readRuntimeManifest, totalBytes } from './runtimeManifest';

function spawn(): StoppableWorker<ToPythonWorker, FromPythonWorker> {
  const worker = new Worker(new URL('./pythonBrowserWorker.ts', import.meta.url), { type: 'module', name: 'python' });
  let terminated = false;
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (listener) => worker.addEventListener('message', (e: MessageEvent<FromPythonWorker>) => listener(e.data)),
    onExit: (listener) => {
      worker.addEventListener('error', (e) => {
        if (!terminated) listener(e.message || 'the Python worker failed to start');
      });
    },
    terminate: () => {
      terminated = true;
      worker.terminate();
    },
  };
}

/**
 * EngineServices.python for the engine's Web Worker: Pyodide in dedicated
 * workers of its own, loaded the first time a flow runs Python from
 * `pyodideUrl` (the site's copy made by scripts/copyRuntimes.ts, e.g.
 * `${BASE_URL}pyodide/`). Kill and timeouts terminate the Python worker (a
 * page that is not cross-origin isolated has no SharedArrayBuffer for
 * Pyodide's interrupt buffer); the next run starts a fresh one.
 */
export function createBrowserPython(options: { pyodideUrl: string }): { load: (onProgress?: RuntimeLoadListener) => Promise<PythonRuntime>; close: () => Promise<void> } {
  const dir = options.pyodideUrl.endsWith('/') ? options.pyodideUrl : options.pyodideUrl + '/';
  let pool: Promise<PythonWorkerPool> | null = null;
  const load = (onProgress?: RuntimeLoadListener) => {
    pool ??= (async () => {
      try {
        const manifest = await readRuntimeManifest(dir);
        const bytes = totalBytes(manifest);
        onProgress?.({ runtime: 'python', phase: 'loading', totalBytes: bytes, message: `Loading Python (Pyodide ${manifest.version}, ${(bytes / 1e6).toFixed(1)} MB)…` });
        const lockRes = await fetch(new URL('pyodide-lock.json', dir));
        if (!lockRes.ok) throw new Error(`cannot load ${dir}pyodide-lock.json (HTTP ${lockRes.status})`);
        const shipped = new Set((manifest.packages ?? []).map(normalizePackageName));
        const { known } = pyodidePackages((await lockRes.json()) as PyodideLock, () => false);
        const p = new PythonWorkerPool({ spawn, indexURL: dir, knownPackages: known, availablePackages: shipped });
        const info = await p.start();
        onProgress?.({ runtime: 'python', phase: 'ready', totalBytes: bytes, ms: info.ms, message: `Python ready: ${p.description}, started in ${(info.ms / 1000).toFixed(1)} s` });
        return p;
      } catch (e) {
        pool = null;
        onProgress?.({ runtime: 'python', phase: 'failed', message: `Python could not start: ${(e as Error).message}` });
        throw e;
      }
    })();
    return pool;
  };
  return {
    load,
    close: async () => {
      const p = pool;
      pool = null;
      if (p) await (await p.catch(() => null))?.close();
    },
  };
}
