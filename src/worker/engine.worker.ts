/// <reference lib="webworker" />
import { parseFlow, runExecution, type EngineEvent } from '../engine';
import { resolveInputs } from '../engine/inputs/resolveInputs';
import type { WorkerRequest, WorkerResponse } from './protocol';

/**
 * The engine's home in the browser: runs flows off the main thread and streams
 * their events to the page in small batches (one message per animation frame
 * at most), so a chatty task cannot flood the page.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const running = new Map<string, AbortController>();

function post(msg: WorkerResponse) {
  scope.postMessage(msg);
}

scope.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  if (msg.type === 'kill') {
    running.get(msg.executionId)?.abort();
    return;
  }
  if (msg.type === 'validate') {
    const parsed = parseFlow(msg.source);
    post({ type: 'validated', requestId: msg.requestId, errors: parsed.errors });
    return;
  }
  if (msg.type === 'run') {
    const { requestId } = msg;
    try {
      const parsed = parseFlow(msg.source);
      if (parsed.errors.length || !parsed.flow) {
        post({ type: 'invalid', requestId, errors: parsed.errors });
        return;
      }
      const resolved = resolveInputs(parsed.flow, msg.inputs);
      if (resolved.errors.length) {
        post({ type: 'invalid', requestId, errors: [], inputErrors: resolved.errors });
        return;
      }
      const controller = new AbortController();
      let buffer: EngineEvent[] = [];
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        timer = null;
        if (!buffer.length) return;
        post({ type: 'events', requestId, events: buffer });
        buffer = [];
      };
      let executionId = '';
      const exec = await runExecution(parsed.flow, {
        inputs: resolved.values,
        signal: controller.signal,
        emit: (e) => {
          if (e.type === 'execution.created') {
            executionId = e.execution.id;
            running.set(executionId, controller);
          }
          buffer.push(e);
          if (!timer) timer = setTimeout(flush, 16);
        },
      });
      if (timer) clearTimeout(timer);
      flush();
      running.delete(executionId);
      post({ type: 'done', requestId, executionId: exec.id });
    } catch (e) {
      post({ type: 'crash', requestId, message: (e as Error).message || String(e) });
    }
  }
};

post({ type: 'ready' });
