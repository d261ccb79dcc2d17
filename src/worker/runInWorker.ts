import { parseFlow, type EngineEvent } from '../engine';
import { isTerminated } from '../engine/model/state';
import { resolveInputs } from '../engine/inputs/resolveInputs';
import { inputFileStore } from '../engine/inputs/inputFileStore';
import { ExecutionControl } from '../engine/runtime/ExecutionControl';
import { FlowConcurrency } from '../engine/runtime/FlowConcurrency';
import { randomId } from '../engine/runtime/ids';
import { startingPoint } from './startingPoint';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { workerServices, storage } from './workerServices';
import { makeDatabasesDurable } from './browserDatabases';

/** Executions by id, so the page can kill or resume them; one concurrency gate for all flows of this tab. */
const controls = new Map<string, ExecutionControl>();
export const concurrency = new FlowConcurrency();

type Post = (msg: WorkerResponse) => void;

/** Events come in batches of at most one message per this many ms once more than IMMEDIATE came in one window. */
const BATCH_MS = 50;
const IMMEDIATE = 200;

/**
 * Runs one execution and streams its events to the page. State changes go
 * out at once while they are sparse (a task may then block this thread for a
 * while: a COPY, a MERGE), and log lines, or anything once more than 2000
 * messages went out in 50 ms, in batches of at most one message per 50 ms
 * (10,000 parallel branches must not flood the page). The final state
 * goes out only once what the execution wrote to the databases is durable:
 * an execution is not SUCCESS until a reload cannot lose its rows.
 */
export async function runInWorker(msg: Extract<WorkerRequest, { type: 'run' }>, post: Post): Promise<void> {
  const { requestId } = msg;
  try {
    const parsed = parseFlow(msg.source);
    if (parsed.errors.length || !parsed.flow) {
      post({ type: 'invalid', requestId, errors: parsed.errors });
      return;
    }
    // Restart / Replay start from an earlier execution, with its inputs
    const start = msg.from ? startingPoint(parsed.flow, msg.from) : undefined;
    const executionId = start?.execution.id ?? randomId();
    const files = inputFileStore(storage, parsed.flow, executionId);
    const resolved = start ? { values: start.execution.inputs, errors: [] } : await resolveInputs(parsed.flow, msg.inputs, { storeFile: files });
    if (resolved.errors.length) {
      post({ type: 'invalid', requestId, errors: [], inputErrors: resolved.errors });
      return;
    }
    const control = new ExecutionControl();
    controls.set(executionId, control);
    let buffer: EngineEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let windowStart = 0;
    let inWindow = 0;
    let final: EngineEvent | null = null;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!buffer.length) return;
      const now = performance.now();
      if (now - windowStart > BATCH_MS) {
        windowStart = now;
        inWindow = 0;
      }
      inWindow++;
      post({ type: 'events', requestId, events: buffer });
      buffer = [];
    };
    const run = await workerServices(msg.settings);
    try {
      await concurrency.run(parsed.flow, {
        executionId,
        inputs: resolved.values,
        labels: msg.labels,
        start,
        control,
        services: run.services,
        emit: (e) => {
          if (e.type === 'execution.state' && isTerminated(e.state)) {
            final = e;
            return;
          }
          buffer.push(e);
          const flooding = inWindow >= IMMEDIATE && performance.now() - windowStart <= BATCH_MS;
          if (e.type !== 'log' && !flooding) flush();
          else timer ??= setTimeout(flush, BATCH_MS);
        },
      });
    } finally {
      flush();
      controls.delete(executionId);
      try {
        await makeDatabasesDurable();
      } finally {
        await run.finish();
        if (final) {
          buffer.push({ ...(final as EngineEvent & { type: 'execution.state' }), at: new Date().toISOString() });
          flush();
        }
      }
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
