import { courseDataFile } from './courseDataFile';
import type { DataManifest, Dataset } from './DataManifest';
import { resolveDataPath } from './resolveDataPath';

export interface DataFetchOptions {
  dataset: Dataset;
  manifest: () => Promise<DataManifest>;
  /** Reads a shipped file by its path relative to the data/ folder. */
  readShipped: (path: string, signal?: AbortSignal) => Promise<Response>;
  /** Fetches any other URL for real. */
  realFetch: (url: string, signal?: AbortSignal) => Promise<Response>;
  /** Why a real download may fail here, added to network errors. */
  networkNote?: string;
}

const notShipped = (name: string) =>
  `${name} is not shipped with this playground (it has every yellow and green month of 2019-2020, and taxi_zone_lookup.csv); the course's GitHub release cannot be downloaded from a browser page (no CORS)`;

/**
 * The engine's `fetch` service: the course's GitHub release URLs are served
 * from the site's own copies (sample or full month), anything else is fetched
 * for real. Responses for course URLs carry `x-playground-redirect: 1` (GitHub
 * answers them with a redirect, which curl follows only with -L) and, on
 * failure, an `x-playground-note` explaining why.
 */
export function createDataFetch(o: DataFetchOptions): (url: string, signal?: AbortSignal) => Promise<Response> {
  return async (url, signal) => {
    const course = courseDataFile(url);
    if (!course) {
      try {
        return await o.realFetch(url, signal);
      } catch (e) {
        throw new Error(`${(e as Error).message || String(e)}${o.networkNote ? ` (${o.networkNote})` : ''}`);
      }
    }
    const resolved = resolveDataPath(course.name, o.dataset, await o.manifest());
    if (!resolved) {
      return new Response('Not Found', { status: 404, statusText: 'Not Found', headers: { 'x-playground-note': notShipped(course.name), 'x-playground-redirect': '1' } });
    }
    const res = await o.readShipped(resolved.path, signal);
    if (!res.ok) return new Response('Not Found', { status: 404, statusText: 'Not Found', headers: { 'x-playground-note': `${resolved.path} is missing from the site's data folder`, 'x-playground-redirect': '1' } });
    return new Response(res.body, {
      status: 200,
      headers: { 'content-type': 'application/gzip', 'x-playground-redirect': '1', 'x-playground-rows': String(resolved.rows), 'x-playground-dataset': resolved.full ? 'full' : 'sample' },
    });
  };
}
