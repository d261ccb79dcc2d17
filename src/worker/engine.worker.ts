/// <reference lib="webworker" />
import type { WorkerRequest, WorkerResponse } from './protocol';
import { runInWorker, killExecution, resumeExecution } from './runInWorker';
import { callHandlers } from './callHandlers';
import { onLeaseStatus } from './browserDatabases';
import { onSchedulerMessage } from './schedulerInWorker';
import { onRuntimeLoad } from './createBrowserServices';

/**
 * The engine's home in the browser: runs flows and answers the page's calls
 * off the main thread. Only this file talks to `self`.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: WorkerResponse, transfer: Transferable[] = []) {
  scope.postMessage(msg, transfer);
}

scope.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'run':
      await runInWorker(msg, post);
      return;
    case 'kill':
      killExecution(msg.executionId);
      return;
    case 'resume':
      resumeExecution(msg.executionId);
      return;
    case 'call': {
      const handler = callHandlers[msg.method] as ((...args: unknown[]) => unknown) | undefined;
      try {
        if (!handler) throw new Error(`unknown call ${String(msg.method)}`);
        const value = await handler(...msg.args);
        post({ type: 'result', requestId: msg.requestId, value });
      } catch (e) {
        const err = e as { message?: string; code?: string; sqlState?: string | null; position?: number | string | null };
        post({
          type: 'error',
          requestId: msg.requestId,
          error: {
            message: err.message ?? String(e),
            code: typeof err.code === 'string' ? err.code : typeof err.sqlState === 'string' ? err.sqlState : undefined,
            position: err.position !== undefined && err.position !== null ? Number(err.position) : undefined,
          },
        });
      }
      return;
    }
  }
};

onLeaseStatus((status) => post({ type: 'lease', status }));
onSchedulerMessage(post);
onRuntimeLoad((progress) => post({ type: 'runtime', progress }));
post({ type: 'ready' });
