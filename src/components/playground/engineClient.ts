import type { EngineEvent, FlowError } from '../../engine';
import type { RunFrom, RunSettings, WorkerCalls, WorkerRequest, WorkerResponse } from '../../worker/protocol';
import type { EngineApi, QueryResult, TableInfo } from './EngineApi';
import type { LeaseStatus } from '../../worker/DatabaseLease';
import type { SchedulerEvent } from '../../engine/triggers';
import type { KestraVersion } from '../../engine/KestraVersion';
import type { RuntimeLoadProgress } from '../../engine/runtime/EngineServices';

/** Calls answered by a second worker that never opens a database, so typing is checked even while a query or a COPY keeps the engine busy. */
const VALIDATOR_CALLS = new Set<keyof WorkerCalls>(['validate', 'catalog', 'compatibility']);

export interface RunCallbacks {
  onEvents(events: EngineEvent[]): void;
  onInvalid(errors: FlowError[], inputErrors: { id: string; message: string }[]): void;
  onDone(): void;
  onCrash(message: string): void;
}

type Pending = { resolve(v: unknown): void; reject(e: unknown): void };

/** An error from the worker, keeping Postgres's SQLSTATE and position when there are any. */
export class WorkerCallError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

/**
 * The page's side of the engine worker: one worker per page, started on first
 * use. Runs stream events; calls answer once.
 */
export class EngineClient implements EngineApi {
  private worker: Worker | null = null;
  private readonly runs = new Map<string, RunCallbacks>();
  /** Which run request an execution belongs to (learned from its first event). */
  private readonly runOf = new Map<string, string>();
  private readonly calls = new Map<string, Pending>();
  private seq = 0;
  private validator: Worker | null = null;
  private readonly validatorCalls = new Map<string, Pending>();
  private readonly leaseListeners = new Set<(s: LeaseStatus) => void>();
  private readonly schedulerListeners = new Set<(events: SchedulerEvent[]) => void>();
  private readonly runtimeListeners = new Set<(p: RuntimeLoadProgress) => void>();

  /** Follows the loading of Python and DuckDB (shown while a flow waits for them). */
  onRuntime(listener: (p: RuntimeLoadProgress) => void): () => void {
    this.runtimeListeners.add(listener);
    return () => this.runtimeListeners.delete(listener);
  }

  /** Receives what the scheduler in the worker does (see schedulerInWorker.ts). */
  onScheduler(listener: (events: SchedulerEvent[]) => void): () => void {
    this.schedulerListeners.add(listener);
    return () => this.schedulerListeners.delete(listener);
  }
  /** The last lease status the worker reported (null: none yet). */
  lease: LeaseStatus | null = null;

  /** Follows the cross-tab database lease (another tab holding the databases makes this one wait). */
  onLease(listener: (s: LeaseStatus) => void): () => void {
    this.leaseListeners.add(listener);
    return () => this.leaseListeners.delete(listener);
  }

  private ensureValidator(): Worker {
    if (this.validator) return this.validator;
    const w = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'kestra-validator' });
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => {
      const msg = ev.data;
      if (msg.type !== 'result' && msg.type !== 'error') return;
      const p = this.validatorCalls.get(msg.requestId);
      if (!p) return;
      this.validatorCalls.delete(msg.requestId);
      if (msg.type === 'result') p.resolve(msg.value);
      else p.reject(new WorkerCallError(msg.error.message, msg.error.code, msg.error.position));
    };
    w.onerror = (ev) => {
      ev.preventDefault?.();
      for (const p of this.validatorCalls.values()) p.reject(new WorkerCallError(ev.message || 'the validator failed to load'));
      this.validatorCalls.clear();
      this.validator?.terminate();
      this.validator = null;
    };
    this.validator = w;
    return w;
  }

  /**
   * Stops whatever the engine is doing (a database query that runs too long,
   * say) by replacing its worker. What the databases committed is kept; a
   * running execution ends KILLED.
   */
  restart(reason: string): void {
    this.fail(reason);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'kestra-engine' });
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => this.receive(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault?.();
      this.fail(ev.message || 'the engine worker failed to load');
    };
    this.worker = w;
    return w;
  }

  private fail(message: string) {
    for (const cb of this.runs.values()) cb.onCrash(message);
    for (const p of this.calls.values()) p.reject(new WorkerCallError(message));
    this.runs.clear();
    this.calls.clear();
    this.worker?.terminate();
    this.worker = null;
    if (this.lease) {
      this.lease = null;
      for (const l of this.leaseListeners) l({ state: 'released' });
    }
  }

  private receive(msg: WorkerResponse): void {
    if (msg.type === 'ready') return;
    if (msg.type === 'runtime') {
      for (const l of this.runtimeListeners) l(msg.progress);
      return;
    }
    if (msg.type === 'scheduler') {
      for (const l of this.schedulerListeners) l(msg.events);
      return;
    }
    if (msg.type === 'lease') {
      this.lease = msg.status;
      for (const l of this.leaseListeners) l(msg.status);
      return;
    }
    if (msg.type === 'result' || msg.type === 'error') {
      const p = this.calls.get(msg.requestId);
      if (!p) return;
      this.calls.delete(msg.requestId);
      if (msg.type === 'result') p.resolve(msg.value);
      else p.reject(new WorkerCallError(msg.error.message, msg.error.code, msg.error.position));
      return;
    }
    const cb = msg.requestId ? this.runs.get(msg.requestId) : undefined;
    if (!cb) return;
    switch (msg.type) {
      case 'events':
        for (const e of msg.events) if (e.type === 'execution.created') this.runOf.set(e.execution.id, msg.requestId);
        cb.onEvents(msg.events);
        break;
      case 'invalid':
        this.runs.delete(msg.requestId);
        cb.onInvalid(msg.errors, msg.inputErrors ?? []);
        break;
      case 'done':
        this.runs.delete(msg.requestId);
        cb.onDone();
        break;
      case 'crash':
        this.runs.delete(msg.requestId!);
        cb.onCrash(msg.message);
        break;
    }
  }

  run(source: string, inputs: Record<string, unknown>, options: RunOptionsOfPage, callbacks: RunCallbacks): void {
    const requestId = `run-${++this.seq}`;
    this.runs.set(requestId, callbacks);
    const settings = runSettings(options, source);
    this.post({ type: 'run', requestId, source, inputs, settings, labels: options.labels, ...(options.from ? { from: options.from } : {}) });
  }

  /**
   * Kills an execution. A task stuck in a long synchronous loop (a template
   * iterating billions of times, say) cannot see the abort; if the worker has
   * not finished the run after `graceMs`, it is terminated and replaced, and
   * the run reports a crash so the page can mark it KILLED.
   */
  kill(executionId: string, graceMs = 3000): void {
    this.post({ type: 'kill', executionId });
    const requestId = this.runOf.get(executionId);
    if (!requestId) return;
    setTimeout(() => {
      const cb = this.runs.get(requestId);
      if (!cb) return;
      this.runs.delete(requestId);
      this.fail('the engine did not stop within a few seconds, so it was restarted');
      cb.onCrash('the engine did not stop within a few seconds, so it was restarted');
    }, graceMs);
  }

  resume(executionId: string): void {
    this.post({ type: 'resume', executionId });
  }

  call<K extends keyof WorkerCalls>(method: K, ...args: Parameters<WorkerCalls[K]>): Promise<ReturnType<WorkerCalls[K]>> {
    const requestId = `call-${++this.seq}`;
    if (VALIDATOR_CALLS.has(method)) {
      return new Promise((resolve, reject) => {
        this.validatorCalls.set(requestId, { resolve: resolve as (v: unknown) => void, reject });
        this.ensureValidator().postMessage({ type: 'call', requestId, method, args } satisfies WorkerRequest);
      });
    }
    return new Promise((resolve, reject) => {
      this.calls.set(requestId, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ type: 'call', requestId, method, args });
    });
  }

  readFile(uri: string): Promise<Uint8Array> {
    return this.call('readFile', uri);
  }

  private dbCalls = 0;
  private readonly dbBusyListeners = new Set<(busy: boolean) => void>();

  /** Follows whether a database-panel call is in flight (the playground says the database is busy). */
  onDatabaseBusy(listener: (busy: boolean) => void): () => void {
    this.dbBusyListeners.add(listener);
    return () => this.dbBusyListeners.delete(listener);
  }

  private tracked<T>(work: Promise<T>): Promise<T> {
    if (this.dbCalls++ === 0) for (const l of this.dbBusyListeners) l(true);
    return work.finally(() => {
      if (--this.dbCalls === 0) for (const l of this.dbBusyListeners) l(false);
    });
  }

  readonly database = {
    tables: (db: string) => this.tracked(this.call('dbTables', db, dataBaseUrl()) as Promise<TableInfo[]>),
    query: (db: string, sql: string, page: { offset: number; limit: number }) => this.tracked(this.call('dbQuery', db, sql, page, dataBaseUrl()) as Promise<QueryResult>),
    reset: (db: string) => this.tracked(this.call('dbReset', db, dataBaseUrl())),
    list: () => this.call('dbList'),
    cancel: () => this.restart('cancelled'),
    /** Starts the in-browser Postgres ahead of time (skipped when another tab holds it). */
    warm: (db: string) => this.call('dbWarm', db, dataBaseUrl()).catch(() => false),
  };

  private post(msg: WorkerRequest): void {
    this.ensureWorker().postMessage(msg);
  }
}

export interface RunOptionsOfPage {
  dataset?: 'sample' | 'full';
  labels?: Record<string, string>;
  secrets?: Record<string, string>;
  kestraVersion?: KestraVersion;
  /** Restart / Replay an earlier execution instead of a new run. */
  from?: RunFrom;
}

/** The learner's saved flows (every lesson's edits), for Subflow calls. */
function savedFlows(): string[] {
  const out: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith('kestra-playground:flow:')) out.push(localStorage.getItem(key) ?? '');
    }
  } catch {
    /* storage unavailable */
  }
  return out;
}

/** What the worker needs to know of the page's settings for a run (or for the scheduler's runs). */
export function runSettings(options: RunOptionsOfPage, source?: string): RunSettings {
  return {
    dataBase: dataBaseUrl(),
    dataset: options.dataset ?? 'sample',
    secrets: options.secrets ?? {},
    kestraVersion: options.kestraVersion,
    flows: [...savedFlows(), ...(source ? [source] : [])],
  };
}

/** Absolute URL of the site's data folder, under whatever base path the site was built for. */
export function dataBaseUrl(): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  return new URL(`${base}data/`, location.href).href;
}

let shared: EngineClient | null = null;
export function engineClient(): EngineClient {
  shared ??= new EngineClient();
  return shared;
}
