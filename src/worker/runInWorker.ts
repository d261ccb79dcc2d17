import { parseFlow, type EngineEvent } from '../engine';
import { resolveInputs } from '../engine/inputs/resolveInputs';
import { inputFileStore } from '../engine/inputs/inputFileStore';
import { ExecutionControl } from '../engine/runtime/ExecutionControl';
import { FlowConcurrency } from '../engine/runtime/FlowConcurrency';
import { randomId } from '../engine/runtime/ids';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { workerServices, storage, persistAfterRun } from './workerServices';

/** Executions by id, so the page can kill or resume them; one concurrency gate for all flows of this tab. */
const controls = new Map<string, ExecutionControl>();
const concurrency = new FlowConcurrency();

type Post = (msg: WorkerResponse) => void;

/**
 * Runs one execution and streams its events to the page: state changes at
 * once, log lines in batches (at most one message per 16 ms).
 */
export async function runInWorker(msg: Extract<WorkerRequest, { type: 'run' }>, post: Post): Promise<void> {
  const { requestId } = msg;
  try {
    const parsed = parseFlow(msg.source);
    if (parsed.errors.length || !parsed.flow) {
      post({ type: 'invalid', requestId, errors: parsed.errors });
      return;
    }
    const executionId = randomId();
    const files = inputFileStore(storage, parsed.flow, executionId);
    const resolved = await resolveInputs(parsed.flow, msg.inputs, { storeFile: files });
    if (resolved.errors.length) {
      post({ type: 'invalid', requestId, errors: [], inputErrors: resolved.errors });
      return;
    }
    const control = new ExecutionControl();
    controls.set(executionId, control);
    let buffer: EngineEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (!buffer.length) return;
      post({ type: 'events', requestId, events: buffer });
      buffer = [];
    };
    try {
      await concurrency.run(parsed.flow, {
        executionId,
        inputs: resolved.values,
        labels: msg.labels,
        control,
        services: await workerServices(msg.settings),
        emit: (e) => {
          buffer.push(e);
          // state changes go out at once (a task may then block this thread for a while);
          // log lines are batched so a chatty task cannot flood the page
          if (e.type === 'log') timer ??= setTimeout(flush, 16);
          else flush();
        },
      });
    } finally {
      if (timer) clearTimeout(timer);
      flush();
      controls.delete(executionId);
      await persistAfterRun();
    }
    post({ type: 'done', requestId, executionId });
  } catch (e) {
    post({ type: 'crash', requestId, message: (e as Error).message || String(e) });
  }
}

export function killExecution(executionId: string): void {
  controls.get(executionId)?.kill();
}

export function resumeExecution(executionId: string): void {
  controls.get(executionId)?.resume();
}
