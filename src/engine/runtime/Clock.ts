/** The engine's source of time; tests inject a fake one for deterministic timestamps. */
export interface Clock {
  now(): Date;
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

/** A clock that starts at a fixed instant and advances only when slept on (plus 1 ms per reading). */
export function fakeClock(start = '2025-01-01T00:00:00.000Z'): Clock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t++),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw abortError();
      t += ms;
    },
  };
}

export function abortError(): Error {
  const e = new Error('Killed');
  e.name = 'AbortError';
  return e;
}
