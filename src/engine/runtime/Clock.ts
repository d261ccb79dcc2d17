/** The engine's source of time; tests inject a fake one for deterministic timestamps. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

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
