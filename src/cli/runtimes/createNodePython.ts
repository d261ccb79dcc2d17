import { Worker } from 'node:worker_threads';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PythonWorkerPool } from '../../engine/python/PythonWorkerPool';
import { pyodidePackages } from '../../engine/python/pyodidePackages';
import type { PythonRuntime } from '../../engine/python/PythonRuntime';
import type { RuntimeLoadListener } from '../../engine/runtime/EngineServices';
import type { FromPythonWorker, StoppableWorker, ToPythonWorker } from '../../engine/python/pythonWorkerProtocol';

const require = createRequire(import.meta.url);
/** node_modules/pyodide/, where Pyodide's interpreter, standard library and lock file are. */
export const PYODIDE_DIR = dirname(require.resolve('pyodide/package.json'));
/** The files a browser downloads to start Python (the same ones Node reads). */
export const PYODIDE_CORE_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

const START = new URL('./startTsWorker.mjs', import.meta.url);
const ENTRY = new URL('./pythonNodeWorker.ts', import.meta.url).href;

function spawnWorker(): StoppableWorker<ToPythonWorker, FromPythonWorker> {
  // V8 flags such as --disallow-code-generation-from-strings are process-wide: they hold in the worker too
  const worker = new Worker(START, { workerData: { entry: ENTRY }, execArgv: [] });
  worker.unref();
  let exited = false;
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) => {
      worker.on('error', (e) => listener(e.message));
      worker.on('exit', (code) => {
        if (!exited) listener(`exit code ${code}`);
      });
    },
    terminate: () => {
      exited = true;
      void worker.terminate();
    },
  };
}

/**
 * EngineServices.python for Node: Pyodide in worker threads, loaded from
 * node_modules/pyodide the first time a flow runs Python, then reused.
 */
export function createNodePython(): { load: (onProgress?: RuntimeLoadListener) => Promise<PythonRuntime>; close: () => Promise<void> } {
  let pool: Promise<PythonWorkerPool> | null = null;
  const load = (onProgress?: RuntimeLoadListener) => {
    pool ??= (async () => {
      const bytes = PYODIDE_CORE_FILES.reduce((n, f) => n + statSync(join(PYODIDE_DIR, f)).size, 0);
      const version = JSON.parse(readFileSync(join(PYODIDE_DIR, 'package.json'), 'utf8')).version as string;
      onProgress?.({ runtime: 'python', phase: 'loading', totalBytes: bytes, message: `Loading Python (Pyodide ${version}, ${(bytes / 1e6).toFixed(1)} MB)…` });
      const lock = JSON.parse(readFileSync(join(PYODIDE_DIR, 'pyodide-lock.json'), 'utf8'));
      const { known, shipped } = pyodidePackages(lock, (file) => existsSync(join(PYODIDE_DIR, file)));
      const p = new PythonWorkerPool({ spawn: spawnWorker, indexURL: PYODIDE_DIR + '/', knownPackages: known, availablePackages: shipped });
      try {
        const info = await p.start();
        onProgress?.({ runtime: 'python', phase: 'ready', totalBytes: bytes, ms: info.ms, message: `Python ready: ${p.description}, started in ${(info.ms / 1000).toFixed(1)} s` });
      } catch (e) {
        pool = null;
        onProgress?.({ runtime: 'python', phase: 'failed', message: `Python could not start: ${(e as Error).message}` });
        throw e;
      }
      return p;
    })();
    return pool;
  };
  const close = async () => {
    const p = pool;
    pool = null;
    if (p) await (await p.catch(() => null))?.close();
  };
  return { load, close };
}
