import { createPythonHost, type PyodideLike, type PythonHost } from './pythonHost';
import type { FromPythonWorker, ToPythonWorker, WorkerPort } from './pythonWorkerProtocol';

/**
 * The body of a Python worker, the same in Node (worker_threads) and in the
 * browser (a dedicated Web Worker): loads Pyodide on `init`, then runs one
 * request at a time, streaming stdout/stderr lines back as they are written.
 */
export function servePythonWorker(port: WorkerPort<FromPythonWorker, ToPythonWorker>, load: (indexURL: string) => Promise<PyodideLike>): void {
  let host: Promise<PythonHost> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  port.onMessage((message) => {
    if (message.type === 'init') {
      const started = Date.now();
      host = load(message.indexURL).then((py) => {
        const h = createPythonHost(py, message.interrupt ? new Int32Array(message.interrupt) : undefined);
        port.post({ type: 'ready', pyodideVersion: py.version, pythonVersion: h.pythonVersion, ms: Date.now() - started });
        return h;
      });
      host.catch((e: unknown) => port.post({ type: 'failed', id: null, message: `Python could not start: ${(e as Error)?.message ?? String(e)}` }));
      return;
    }
    const { id, request } = message;
    queue = queue.then(async () => {
      try {
        if (!host) throw new Error('the Python worker was not initialised');
        const h = await host;
        const result = await h.run(request, {
          stdout: (line) => port.post({ type: 'stdout', id, line }),
          stderr: (line) => port.post({ type: 'stderr', id, line }),
        });
        port.post({ type: 'done', id, result }, Object.values(result.files).map((f) => f.buffer as ArrayBuffer));
      } catch (e) {
        port.post({ type: 'failed', id, message: (e as Error)?.message ?? String(e) });
      }
    });
  });
}
