/// <reference lib="webworker" />
/**
 * The dedicated Web Worker Python runs in (started by createBrowserPython.ts
 * from the engine's worker, which terminates it to stop a script that does
 * not end): the same servePythonWorker body as Node's, with Pyodide loaded
 * from the site's own copy (indexURL, e.g. https://host/base/pyodide/),
 * never from a CDN.
 */
import { loadPyodide } from 'pyodide';
import { servePythonWorker } from '../../engine/python/servePythonWorker';
import type { PyodideLike } from '../../engine/python/pythonHost';
import type { FromPythonWorker, ToPythonWorker } from '../../engine/python/pythonWorkerProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

servePythonWorker(
  {
    post: (m: FromPythonWorker, transfer?: ArrayBuffer[]) => scope.postMessage(m, transfer ?? []),
    onMessage: (listener: (m: ToPythonWorker) => void) => scope.addEventListener('message', (e: MessageEvent<ToPythonWorker>) => listener(e.data)),
  },
  // `import js` sees only this object, not the worker's globals (no process, no fetch)
  async (indexURL) => (await loadPyodide({ indexURL, env: { HOME: '/root' }, jsglobals: Object.create(null) })) as unknown as PyodideLike,
);
