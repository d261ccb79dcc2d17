import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.gz': 'application/gzip', '.data': 'application/octet-stream' };

/**
 * A static server for the browser benchmark: `/` the bundle dir, `/data/`
 * the site's data folder, `/mem/<name>` bytes the benchmark made (inputs,
 * snapshots).
 */
export function serveBench(bundleDir: string, dataDir: string, memory: Map<string, Uint8Array> = new Map()): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    const made = path.startsWith('/mem/') ? memory.get(path.slice(5)) : undefined;
    if (made) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(made);
      return;
    }
    const file = path.startsWith('/data/') ? join(dataDir, path.slice(6)) : join(bundleDir, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address() as { port: number };
    resolve({ url: `http://127.0.0.1:${addr.port}/`, server });
  }));
}
