import type { TaskDefinition } from '../TaskDefinition';
import { SAMPLE_HEADER } from './sampleApis';

/** The file name Kestra's Download gives the stored file: Content-Disposition's, else the URL's last path segment. */
function fileNameOf(url: string, res: Response): string {
  const disposition = res.headers.get('content-disposition') ?? '';
  const named = disposition.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)?.[1];
  if (named) return decodeURIComponent(named).replace(/[\\/]/g, '_');
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    if (last) return decodeURIComponent(last);
  } catch {
    /* not a URL: the fetch already failed */
  }
  return 'download';
}

/**
 * io.kestra.plugin.core.http.Download: downloads `uri` into internal storage.
 * Outputs `uri` (kestra://), `code`, `length`, `headers`. A status of 400 or
 * more fails the task, as does an empty body while `failOnEmptyResponse` is on.
 * The course's GitHub release URLs come from the site's own copies; other
 * addresses are fetched for real, when the browser allows it (CORS).
 */
export const Download: TaskDefinition = {
  type: 'io.kestra.plugin.core.http.Download',
  aliases: ['io.kestra.plugin.fs.http.Download'],
  properties: {
    uri: { kind: 'string', required: true },
    method: { kind: 'string', values: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] },
    headers: { kind: 'map' },
    body: { kind: 'string' },
    contentType: { kind: 'string' },
    failOnEmptyResponse: { kind: 'boolean' },
    options: { kind: 'map' },
  },
  async run(ctx) {
    const url = ctx.render(String(ctx.task.uri)).trim();
    const method = ctx.task.method ? String(ctx.task.method) : 'GET';
    const fetchService = ctx.services.fetch;
    if (!fetchService) throw new Error('Downloads are not available in this engine (no fetch service)');
    if (method !== 'GET') throw new Error(`Download with method ${method} is not supported in this playground; only GET is`);
    let res: Response;
    try {
      res = await fetchService(url, ctx.signal);
    } catch (e) {
      throw new Error(`Failed to download ${url}: ${(e as Error).message}`);
    }
    const note = res.headers.get('x-playground-note');
    const sample = res.headers.get(SAMPLE_HEADER);
    if (sample) ctx.log('WARN', `Sample data: ${sample}.`);
    if (res.status >= 400) {
      throw new Error(`Failed to download ${url}: HTTP ${res.status} ${res.statusText}${note ? ` (${note})` : ''}`);
    }
    const data = new Uint8Array(await res.arrayBuffer());
    if (data.byteLength === 0 && ctx.task.failOnEmptyResponse !== false) {
      throw new Error(`No response from server for ${url} (empty body); set \`failOnEmptyResponse: false\` to accept it`);
    }
    const uri = await ctx.storeFile(fileNameOf(url, res), data);
    ctx.log('DEBUG', `File '${uri}' downloaded with size '${data.byteLength}'`);
    const headers: Record<string, string[]> = {};
    res.headers.forEach((v, k) => {
      if (!k.startsWith('x-playground-')) headers[k] = [v];
    });
    return { uri, code: res.status, length: data.byteLength, headers };
  },
};
