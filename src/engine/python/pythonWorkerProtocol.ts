import type { PythonRunRequest, PythonRunResult } from './PythonRuntime';

/** Messages to a Python worker. */
export type ToPythonWorker =
  /** First message: where Pyodide's files are, and the buffer that interrupts Python (when SharedArrayBuffer exists). */
  | { type: 'init'; indexURL: string; interrupt?: SharedArrayBuffer }
  | { type: 'run'; id: number; request: PythonRunRequest };

/** Messages from a Python worker. */
export type FromPythonWorker =
  | { type: 'ready'; pyodideVersion: string; pythonVersion: string; ms: number }
  | { type: 'stdout' | 'stderr'; id: number; line: string }
  | { type: 'done'; id: number; result: PythonRunResult }
  | { type: 'failed'; id: number | null; message: string };

/** Both ends of a worker, whatever the host (worker_threads in Node, a Web Worker in the browser). */
export interface WorkerPort<In, Out> {
  post(message: In, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: Out) => void): void;
  /** Called when the worker dies (an uncaught error, or it was terminated). */
  onExit?(listener: (reason: string) => void): void;
}

/** The engine's end of a worker it may stop at any time. */
export interface StoppableWorker<In, Out> extends WorkerPort<In, Out> {
  terminate(): void;
}
