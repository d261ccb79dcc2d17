/**
 * Serves a built site (dist/) the way a good static host does, for `npm start`
 * and the browser tests:
 * - every response carries the site's Content-Security-Policy (a page's own,
 *   with the hashes of its inline scripts; the policy without hashes for the
 *   worker and every other file), so no script anywhere may use eval;
 * - text, JavaScript and WebAssembly go out gzip-compressed when the browser
 *   accepts it (compressed once, then kept); `.gz` files go out as they are,
 *   as `application/gzip`, exactly as a release download would;
 * - `dir/` serves `dir/index.html`; anything missing gets 404.html.
 *
 *   node --import tsx scripts/serveSite.ts [--dir dist] [--base /] [--port 4321] [--host 127.0.0.1] [--strict-port]
 *
 * Without --strict-port, a busy port is replaced by the next free one (the
 * address is printed).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { contentSecurityPolicy, policyOfPage } from '../src/security/contentSecurityPolicy.mjs';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.tgz': 'application/gzip',
  '.zip': 'application/zip',
  '.whl': 'application/zip',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.md', '.csv', '.yaml', '.xml', '.wasm', '.data']);
const FALLBACK_POLICY = contentSecurityPolicy();

export interface SiteServerOptions {
  dir: string;
  base?: string;
  port?: number;
  host?: string;
  strictPort?: boolean;
}

export async function serveSite(options: SiteServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(options.dir);
  const base = (options.base ?? '/').replace(/\/?$/, '/');
  const gzipped = new Map<string, Buffer>();

  async function file(path: string): Promise<{ path: string; body: Buffer } | null> {
    try {
      const s = await stat(path);
      if (s.isDirectory()) return file(join(path, 'index.html'));
      return { path, body: await readFile(path) };
    } catch {
      return null;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname = decodeURIComponent(url.pathname);
    if (!pathname.startsWith(base)) {
      if (pathname === base.slice(0, -1)) return redirect(res, base);
      return notFound(res);
    }
    pathname = pathname.slice(base.length);
    const target = normalize(join(root, pathname));
    if (target !== root && !target.startsWith(root + sep)) return notFound(res);
    // a directory without its trailing slash: redirect, as static hosts do
    if (pathname && !pathname.endsWith('/') && !extname(pathname)) {
      try {
        if ((await stat(target)).isDirectory()) return redirect(res, `${base}${pathname}/${url.search}`);
      } catch {
        /* not a directory */
      }
    }
    const found = await file(target);
    if (!found) {
      const page = await file(join(root, '404.html'));
      return send(req, res, 404, page ?? { path: '404.txt', body: Buffer.from('Not found') });
    }
    return send(req, res, 200, found);
  }

  function send(req: IncomingMessage, res: ServerResponse, status: number, f: { path: string; body: Buffer }): void {
    const ext = extname(f.path).toLowerCase();
    const type = TYPES[ext] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': f.path.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': (ext === '.html' && policyOfPage(f.body.toString('utf8'))) || FALLBACK_POLICY,
    };
    let body = f.body;
    const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (COMPRESSIBLE.has(ext) && accepts && body.length > 1024) {
      let z = gzipped.get(f.path);
      if (!z) {
        z = gzipSync(body);
        gzipped.set(f.path, z);
      }
      body = z;
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function redirect(res: ServerResponse, location: string): void {
    res.writeHead(301, { Location: location, 'Content-Security-Policy': FALLBACK_POLICY });
    res.end();
  }

  function notFound(res: ServerResponse): void {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': FALLBACK_POLICY });
    res.end('Not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    });
  });
  const host = options.host ?? '127.0.0.1';
  let port = options.port ?? 4321;
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(port, host, () => {
          server.off('error', fail);
          ok();
        });
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.strictPort || attempt > 20) throw e;
      port++;
    }
  }
  return {
    url: `http://${host}:${port}${base}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'dist' },
      base: { type: 'string', default: process.env.BASE_PATH || '/' },
      port: { type: 'string', default: '4321' },
      host: { type: 'string', default: '127.0.0.1' },
      'strict-port': { type: 'boolean', default: false },
    },
  });
  serveSite({ dir: values.dir!, base: values.base, port: Number(values.port), host: values.host, strictPort: values['strict-port'] }).then(
    ({ url }) => console.log(`Serving ${values.dir} at ${url}`),
    (e) => {
      console.error(`cannot serve ${values.dir}: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
