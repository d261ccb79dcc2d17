/** The engine's source of time; tests inject a fake one for deterministic timestamps. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** setTimeout's largest delay (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** The timer functions a clock needs (the host's by default; tests pass their own). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const hostTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * A clock on real timers. A sleep longer than setTimeout allows (Sleep
 * PT100000H, a Pause of PT1000H, a timeout of PT600H) is a chain of timers of
 * at most MAX_TIMER_DELAY each, so it waits as long as it says instead of
 * firing at once.
 */
export function timerClock(timers: Timers = hostTimers, now: () => Date = () => new Date()): Clock {
  return {
    now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(abortError());
        const due = now().getTime() + Math.max(0, Number.isFinite(ms) ? ms : MAX_TIMER_DELAY);
        const forever = ms === Infinity;
        let handle: unknown;
        const arm = () => {
          const left = forever ? MAX_TIMER_DELAY : due - now().getTime();
          if (left <= 0 && !forever) {
            signal?.removeEventListener('abort', onAbort);
            resolve();
            return;
          }
          handle = timers.setTimeout(arm, Math.min(left, MAX_TIMER_DELAY));
        };
        const onAbort = () => {
          timers.clearTimeout(handle);
          reject(abortError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        arm();
      }),
  };
}

export const systemClock: Clock = timerClock();

interface PendingSleep {
  due: number;
  seq: number;
  resolve: () => void;
}

const nextMacrotask: (fn: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (fn) => (globalThis as unknown as { setImmediate(f: () => void): void }).setImmediate(fn)
    : (fn) => setTimeout(fn, 0);

/**
 * A virtual-time clock for tests. It starts at a fixed instant and each
 * reading advances it by 1 ms. Sleeps never wait for real: once everything
 * else runnable has run (one macrotask later), the earliest pending sleep
 * fires and the clock jumps to its due time. So a 10 s sleep racing a 1 s
 * timeout loses, deterministically, and a whole flow with long sleeps runs
 * instantly.
 */
export function fakeClock(start = '2025-01-01T00:00:00.000Z'): Clock {
  let t = Date.parse(start);
  let seq = 0;
  let scheduled = false;
  const pending: PendingSleep[] = [];

  const fireNext = () => {
    scheduled = false;
    if (!pending.length) return;
    pending.sort((a, b) => a.due - b.due || a.seq - b.seq);
    const next = pending.shift()!;
    if (next.due > t) t = next.due;
    next.resolve();
    schedule();
  };
  const schedule = () => {
    if (scheduled || !pending.length) return;
    scheduled = true;
    nextMacrotask(fireNext);
  };

  return {
    now: () => new Date(t++),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(abortError());
        const entry: PendingSleep = {
          due: t + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const i = pending.indexOf(entry);
          if (i >= 0) pending.splice(i, 1);
          reject(abortError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.push(entry);
        schedule();
      }),
  };
}

export function abortError(message = 'Killed'): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}
