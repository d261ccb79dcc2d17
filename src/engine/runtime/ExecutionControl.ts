import { abortError } from './Clock';

/** A Pause task run waiting to be resumed. */
export interface PausedTaskRun {
  taskRunId: string;
  taskId: string;
}

interface Waiter extends PausedTaskRun {
  resolve: (inputs: Record<string, unknown>) => void;
}

/**
 * The host's handle on a running execution: kill it, resume its paused task
 * runs. Pass one as `RunOptions.control`; the engine reports pauses through
 * `onPause` (and the events), the host answers with `resume()`.
 *
 *   const control = new ExecutionControl();
 *   control.onPause = (p) => ui.showResumeButton(p.taskRunId);
 *   runExecution(flow, { control });
 *   …
 *   control.resume();            // resumes every paused task run
 *   control.resume(taskRunId, { approved: true }); // one, with onResume inputs
 *   control.kill();
 */
export class ExecutionControl {
  private readonly aborter = new AbortController();
  private readonly waiters = new Map<string, Waiter>();
  /** Called when a task run pauses. */
  onPause?: (paused: PausedTaskRun) => void;

  /** Aborted when the execution is killed. */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  /** Kills the execution: running tasks see their signal abort, nothing new starts, the execution ends KILLED. */
  kill(): void {
    this.aborter.abort();
  }

  /** The task runs currently paused. */
  get paused(): PausedTaskRun[] {
    return [...this.waiters.values()].map(({ taskRunId, taskId }) => ({ taskRunId, taskId }));
  }

  /**
   * Resumes one paused task run (or all of them when no id is given), with
   * optional `onResume` input values. Returns false when nothing was paused.
   */
  resume(taskRunId?: string, inputs: Record<string, unknown> = {}): boolean {
    const targets = taskRunId === undefined ? [...this.waiters.values()] : [this.waiters.get(taskRunId)].filter((w): w is Waiter => !!w);
    for (const w of targets) {
      this.waiters.delete(w.taskRunId);
      w.resolve(inputs);
    }
    return targets.length > 0;
  }

  /** Engine side: waits until `resume()` for this task run; rejects when `signal` aborts. */
  waitForResume(paused: PausedTaskRun, signal: AbortSignal): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(abortError());
      const onAbort = () => {
        this.waiters.delete(paused.taskRunId);
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(paused.taskRunId, {
        ...paused,
        resolve: (inputs) => {
          signal.removeEventListener('abort', onAbort);
          resolve(inputs);
        },
      });
      this.onPause?.(paused);
    });
  }
}
