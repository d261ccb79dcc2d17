/**
 * `npm start`: builds the site only when something it is built from changed
 * since the last build (src/, flows/, public/, scripts/, astro.config.mjs,
 * package-lock.json newer than dist/index.html), then serves dist/ as
 * scripts/serveSite.ts does (the site's Content-Security-Policy on every
 * response) at http://127.0.0.1:4321/, or the next free port when that one
 * is taken (the address is printed). `--rebuild` builds in any case.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serveSite } from './serveSite';

const SOURCES = ['src', 'flows', 'public', 'scripts', 'astro.config.mjs', 'package-lock.json'];
const GENERATED = new Set(['public/pglite', 'public/pyodide', 'public/duckdb']);

/** The newest modification time under `path` (files only), skipping what the build itself writes. */
function newest(path: string): number {
  if (GENERATED.has(path) || !existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

const { values } = parseArgs({ options: { rebuild: { type: 'boolean', default: false }, port: { type: 'string', default: '4321' } } });
const built = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0;
const changed = Math.max(...SOURCES.map(newest));
if (values.rebuild || changed > built) {
  console.log(built ? 'Sources changed since the last build: building the site…' : 'Building the site…');
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
} else {
  console.log('dist/ is up to date with the sources: serving it without a rebuild (npm start -- --rebuild forces one).');
}
const { url } = await serveSite({ dir: 'dist', base: process.env.BASE_PATH || '/', port: Number(values.port) });
console.log(`Serving the site at ${url} (Ctrl-C stops)`);
