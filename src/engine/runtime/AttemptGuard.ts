import type { Clock } from './Clock';
import { hmsDuration } from './formatDuration';

/**
 * The signal one attempt of a task runs under: aborted by a kill or when the
 * task's `timeout` runs out. The timer fires on the event loop; a template
 * that renders synchronously for longer never lets it fire, so the guard is
 * also checked from inside rendering (see RenderInterrupts) against its
 * deadline, and a render past it stops with the same timeout.
 */
export class AttemptGuard {
  readonly controller = new AbortController();
  timedOut = false;
  private readonly timer: AbortController | null;
  private readonly deadline: number;

  constructor(
    private readonly clock: Clock,
    readonly timeoutMs: number | undefined,
  ) {
    this.deadline = timeoutMs === undefined ? Infinity : clock.now().getTime() + timeoutMs;
    this.timer = timeoutMs === undefined ? null : new AbortController();
    if (this.timer) {
      clock.sleep(timeoutMs!, this.timer.signal).then(
        () => this.expire(),
        () => undefined,
      );
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Kestra's TimeoutExceededException message: `Timeout after 00:00:05.000`. */
  get timeoutMessage(): string {
    return `Timeout after ${hmsDuration(this.timeoutMs ?? 0)}`;
  }

  /** From inside a synchronous render: the reason to stop now, or null. */
  check(): string | null {
    if (this.controller.signal.aborted) return this.timedOut ? this.timeoutMessage : 'Killed';
    if (this.deadline !== Infinity && this.clock.now().getTime() >= this.deadline) {
      this.expire();
      return this.timeoutMessage;
    }
    return null;
  }

  dispose(): void {
    this.timer?.abort();
  }

  private expire(): void {
    if (this.controller.signal.aborted) return;
    this.timedOut = true;
    this.controller.abort();
  }
}

/**
 * What the Pebble interpreter asks every 1024 steps (its `interrupt`):
 * rendering is synchronous, so at any moment at most one render runs, on
 * behalf of the attempt whose guard is on top here. A kill the host can see
 * without the event loop (`hostKill`, e.g. a flag shared with another
 * thread) stops it too.
 */
export class RenderInterrupts {
  private readonly stack: AttemptGuard[] = [];

  constructor(private readonly killed: () => boolean) {}

  /** Runs a synchronous render on behalf of `guard`. */
  within<T>(guard: AttemptGuard, render: () => T): T {
    this.stack.push(guard);
    try {
      return render();
    } finally {
      this.stack.pop();
    }
  }

  readonly interrupt = (): string | null => {
    if (this.killed()) return 'Killed';
    const guard = this.stack[this.stack.length - 1];
    return guard ? guard.check() : null;
  };
}
