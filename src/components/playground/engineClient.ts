import type { EngineEvent, FlowError } from '../../engine';
import type { WorkerRequest, WorkerResponse } from '../../worker/protocol';

export interface RunCallbacks {
  onEvents(events: EngineEvent[]): void;
  onInvalid(errors: FlowError[], inputErrors: { id: string; message: string }[]): void;
  onDone(): void;
  onCrash(message: string): void;
}

/**
 * The page's side of the engine worker: one worker per page, started on first
 * use. Requests are matched to their answers by id.
 */
export class EngineClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<string, RunCallbacks>();
  private seq = 0;

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'kestra-engine' });
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => this.receive(ev.data);
    w.onerror = (ev) => {
      const message = ev.message || 'worker error';
      for (const cb of this.pending.values()) cb.onCrash(message);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = w;
    return w;
  }

  private receive(msg: WorkerResponse): void {
    if (msg.type === 'ready') return;
    const cb = msg.requestId ? this.pending.get(msg.requestId) : undefined;
    if (!cb) return;
    switch (msg.type) {
      case 'events':
        cb.onEvents(msg.events);
        break;
      case 'invalid':
        this.pending.delete(msg.requestId);
        cb.onInvalid(msg.errors, msg.inputErrors ?? []);
        break;
      case 'done':
        this.pending.delete(msg.requestId);
        cb.onDone();
        break;
      case 'crash':
        this.pending.delete(msg.requestId!);
        cb.onCrash(msg.message);
        break;
    }
  }

  run(source: string, inputs: Record<string, unknown>, callbacks: RunCallbacks): void {
    const requestId = `run-${++this.seq}`;
    this.pending.set(requestId, callbacks);
    const dataBase = new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}data/`, location.href).href;
    this.post({ type: 'run', requestId, source, inputs, dataBase });
  }

  kill(executionId: string): void {
    this.post({ type: 'kill', executionId });
  }

  private post(msg: WorkerRequest): void {
    this.ensureWorker().postMessage(msg);
  }
}

let shared: EngineClient | null = null;
export function engineClient(): EngineClient {
  shared ??= new EngineClient();
  return shared;
}
