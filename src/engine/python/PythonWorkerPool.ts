import type { PythonRunHandlers, PythonRunRequest, PythonRunResult, PythonRuntime } from './PythonRuntime';
import type { FromPythonWorker, StoppableWorker, ToPythonWorker } from './pythonWorkerProtocol';

export interface PythonWorkerPoolOptions {
  /** Starts a new worker running servePythonWorker. */
  spawn: () => StoppableWorker<ToPythonWorker, FromPythonWorker>;
  /** Where the worker loads Pyodide from (a directory URL or path, with a trailing slash). */
  indexURL: string;
  /** Package names Pyodide builds (its lock file) and the ones whose files this host ships. */
  knownPackages: ReadonlySet<string>;
  availablePackages: ReadonlySet<string>;
  /** Interpreters that may run at once (Parallel tasks); more requests wait. */
  maxWorkers?: number;
  /** How long an interrupted script gets to stop before its worker is terminated. */
  interruptGraceMs?: number;
}

interface Slot {
  worker: StoppableWorker<ToPythonWorker, FromPythonWorker>;
  ready: Promise<{ pyodideVersion: string; pythonVersion: string; ms: number }>;
  interrupt: Int32Array | null;
  listener: ((m: FromPythonWorker) => void) | null;
  dead: boolean;
}

/**
 * A PythonRuntime made of Pyodide workers, the same for Node and the
 * browser. Each run takes an idle interpreter (starting one when none is
 * idle, up to maxWorkers), so Parallel tasks get one each. Aborting a run
 * (kill, timeout) first raises KeyboardInterrupt through the interrupt buffer
 * when SharedArrayBuffer exists, then terminates the worker if the script
 * has not stopped within the grace period; the next run starts a fresh one.
 */
export class PythonWorkerPool implements PythonRuntime {
  readonly knownPackages: ReadonlySet<string>;
  readonly availablePackages: ReadonlySet<string>;
  description = 'Pyodide';
  private readonly idle: Slot[] = [];
  private readonly all = new Set<Slot>();
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private nextId = 1;

  constructor(private readonly options: PythonWorkerPoolOptions) {
    this.knownPackages = options.knownPackages;
    this.availablePackages = options.availablePackages;
  }

  /** Starts the first interpreter and waits until Python is ready (so loading is measured once, up front). */
  async start(): Promise<{ pyodideVersion: string; pythonVersion: string; ms: number }> {
    const slot = this.spawn();
    this.idle.push(slot);
    const info = await slot.ready;
    this.description = `Pyodide ${info.pyodideVersion} (Python ${info.pythonVersion})`;
    return info;
  }

  private spawn(): Slot {
    const worker = this.options.spawn();
    const interrupt = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const slot: Slot = { worker, interrupt, listener: null, dead: false, ready: null as never };
    slot.ready = new Promise((resolve, reject) => {
      worker.onMessage((m) => {
        if (m.type === 'ready') resolve(m);
        else if (m.type === 'failed' && m.id === null) reject(new Error(m.message));
        else slot.listener?.(m);
      });
      worker.onExit?.((reason) => {
        slot.dead = true;
        this.forget(slot);
        reject(new Error(`the Python worker stopped: ${reason}`));
        slot.listener?.({ type: 'failed', id: -1, message: `the Python worker stopped: ${reason}` });
      });
    });
    slot.ready.catch(() => undefined);
    worker.post({ type: 'init', indexURL: this.options.indexURL, interrupt: interrupt?.buffer as SharedArrayBuffer | undefined });
    this.all.add(slot);
    return slot;
  }

  private forget(slot: Slot): void {
    this.all.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
  }

  private acquire(signal: AbortSignal): Promise<Slot> {
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.all.size < (this.options.maxWorkers ?? 2)) return Promise.resolve(this.spawn());
    return new Promise((resolve, reject) => {
      const take = (slot: Slot) => resolve(slot);
      this.waiting.push(take);
      signal.addEventListener(
        'abort',
        () => {
          const i = this.waiting.indexOf(take);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new Error('aborted while waiting for a free Python interpreter'));
        },
        { once: true },
      );
    });
  }

  private release(slot: Slot): void {
    slot.listener = null;
    if (slot.dead) {
      // a replacement for whoever waits
      const next = this.waiting.shift();
      if (next) next(this.spawn());
      return;
    }
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  private kill(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    slot.worker.terminate();
    this.forget(slot);
  }

  async run(request: PythonRunRequest, handlers: PythonRunHandlers): Promise<PythonRunResult> {
    const slot = await this.acquire(handlers.signal);
    try {
      await slot.ready;
      if (handlers.signal.aborted) throw new Error('aborted');
      const id = this.nextId++;
      return await new Promise<PythonRunResult>((resolve, reject) => {
        let graceTimer: ReturnType<typeof setTimeout> | null = null;
        const onAbort = () => {
          if (slot.interrupt) {
            // SIGINT: Python raises KeyboardInterrupt at its next bytecode
            slot.interrupt[0] = 2;
            graceTimer = setTimeout(() => {
              this.kill(slot);
              reject(new Error('Python did not stop when interrupted; its interpreter was terminated'));
            }, this.options.interruptGraceMs ?? 1000);
          } else {
            this.kill(slot);
            reject(new Error('Python was stopped (its interpreter was terminated)'));
          }
        };
        const finish = () => {
          if (graceTimer) clearTimeout(graceTimer);
          handlers.signal.removeEventListener('abort', onAbort);
        };
        slot.listener = (m) => {
          if (m.type === 'stdout' && m.id === id) handlers.stdout(m.line);
          else if (m.type === 'stderr' && m.id === id) handlers.stderr(m.line);
          else if (m.type === 'done' && m.id === id) {
            finish();
            resolve(m.result);
          } else if (m.type === 'failed' && (m.id === id || m.id === -1)) {
            finish();
            reject(new Error(m.message));
          }
        };
        handlers.signal.addEventListener('abort', onAbort, { once: true });
        // copied, not transferred: the files may be views of internal storage
        slot.worker.post({ type: 'run', id, request });
      });
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    for (const slot of [...this.all]) this.kill(slot);
    this.idle.length = 0;
  }
}
