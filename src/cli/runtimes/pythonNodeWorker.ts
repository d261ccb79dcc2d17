/**
 * Entry of a Python worker thread in Node (tests and the command line): the
 * same servePythonWorker body as the browser's worker, with Pyodide loaded
 * from node_modules. The engine terminates this thread to stop a script that
 * ignores KeyboardInterrupt.
 */
import { parentPort } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import { servePythonWorker } from '../../engine/python/servePythonWorker';
import type { PyodideLike } from '../../engine/python/pythonHost';
import type { FromPythonWorker, ToPythonWorker } from '../../engine/python/pythonWorkerProtocol';

if (!parentPort) throw new Error('pythonNodeWorker.ts runs as a worker thread');
const port = parentPort;
servePythonWorker(
  {
    post: (m: FromPythonWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []),
    onMessage: (listener: (m: ToPythonWorker) => void) => port.on('message', listener),
  },
  // `import js` sees only this object, not the worker's globals (no process, no fetch)
  async (indexURL) => (await loadPyodide({ indexURL, env: { HOME: '/root' }, jsglobals: Object.create(null) })) as unknown as PyodideLike,
);
