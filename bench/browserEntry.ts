/// <reference lib="dom" />
/**
 * The browser benchmark's page: starts the worker (bench/browserWorker.ts)
 * and lets bench/run.ts, through Playwright, send it requests and await the
 * answers (`benchCall`).
 */
import type { WorkerRequest } from './browserWorker';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let next = 0;

const page = globalThis as unknown as { benchWorkerCpu?: () => Promise<number | null> };

worker.onmessage = async (e: MessageEvent<{ id?: number; result?: unknown; error?: string; ready?: boolean; cpu?: boolean }>) => {
  if (e.data.ready) {
    document.title = 'bench-ready';
    return;
  }
  if (e.data.cpu) {
    // bench/run.ts reads the worker thread's CPU time from /proc (exposed by Playwright)
    worker.postMessage({ cpuReply: page.benchWorkerCpu ? await page.benchWorkerCpu() : null });
    return;
  }
  const p = pending.get(e.data.id!);
  if (!p) return;
  pending.delete(e.data.id!);
  if (e.data.error !== undefined) p.reject(new Error(e.data.error));
  else p.resolve(e.data.result);
};
worker.onerror = (e) => {
  document.title = `bench-error: ${e.message}`;
};

function benchCall(request: Request): Promise<unknown> {
  const id = next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...request, id });
  });
}

(globalThis as unknown as { benchCall: typeof benchCall }).benchCall = benchCall;
