/**
 * Public sample APIs the course downloads from, with a copy shipped with the
 * site for when the real address cannot be reached: offline (the command
 * line's --offline), no network, or a browser that blocks the request (CORS).
 */
export interface SampleApi {
  /** The addresses it answers. */
  url: RegExp;
  /** Its copy, relative to the site's data/ folder. */
  file: string;
  /** How the log names it. */
  name: string;
}

export const SAMPLE_APIS: readonly SampleApi[] = [
  { url: /^https?:\/\/dummyjson\.com\/products\/?(\?.*)?$/, file: 'samples/dummyjson-products.json', name: 'https://dummyjson.com/products' },
];

/** The header a sample answer carries: why the sample was used. Download logs it. */
export const SAMPLE_HEADER = 'x-playground-sample';

export interface SampleFallbackOptions {
  /** Use the samples without trying the network. */
  offline: boolean;
  /** Reads a shipped file by its path relative to data/. */
  readShipped: (path: string, signal?: AbortSignal) => Promise<Response>;
  /** How long the real address gets before the sample is used. */
  timeoutMs?: number;
}

/**
 * Wraps a fetch service: a known sample API is fetched for real when it can
 * be; when that fails (or offline), the shipped sample answers instead, with
 * SAMPLE_HEADER saying why. Other addresses go to `fetch` unchanged.
 */
export function withSampleFallback(fetch: (url: string, signal?: AbortSignal) => Promise<Response>, o: SampleFallbackOptions): (url: string, signal?: AbortSignal) => Promise<Response> {
  return async (url, signal) => {
    const api = SAMPLE_APIS.find((a) => a.url.test(url));
    if (!api) return fetch(url, signal);
    let why: string;
    if (o.offline) {
      why = 'offline mode';
    } else {
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), o.timeoutMs ?? 10_000);
      const onAbort = () => timeout.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await fetch(url, timeout.signal);
      } catch (e) {
        if (signal?.aborted) throw e;
        why = timeout.signal.aborted ? `no answer within ${Math.round((o.timeoutMs ?? 10_000) / 1000)} s` : `the request failed: ${(e as Error).message || String(e)}`;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    }
    const res = await o.readShipped(api.file, signal);
    if (!res.ok) throw new Error(`${api.name} cannot be reached (${why}) and the playground's sample ${api.file} is missing`);
    const body = await res.arrayBuffer();
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'application/json',
        [SAMPLE_HEADER]: `${api.name} could not be reached (${why}); this is the playground's sample copy (data/${api.file}), shaped like the real answer, not the live data`,
      },
    });
  };
}
