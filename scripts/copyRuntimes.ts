/**
 * Copies the WebAssembly runtimes the browser loads into public/, so the site
 * serves them itself (no CDN): Pyodide's interpreter, standard library and
 * lock file into public/pyodide/, DuckDB-Wasm's "eh" bundle (wasm and its
 * worker) into public/duckdb/, each with a runtime.json of versions and
 * sizes (src/worker/runtimes/runtimeManifest.ts). Both folders are
 * generated and git-ignored. Run before `astro build`:
 *
 *   tsx scripts/copyRuntimes.ts
 *
 * PYODIDE_PACKAGES_DIR=<folder of a Pyodide release> also copies the wheels
 * found there of the packages in Pyodide's lock file (pure-Python ones only),
 * which `pip install` in a Python task can then load.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizePackageName, type PyodideLock } from '../src/engine/python/pyodidePackages';
import type { RuntimeManifest } from '../src/worker/runtimes/runtimeManifest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PYODIDE = dirname(require.resolve('pyodide/package.json'));
const DUCKDB_DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

const PYODIDE_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];
const DUCKDB_FILES = ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js'];

function copyInto(target: string, from: string, files: string[]): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const f of files) {
    copyFileSync(join(from, f), join(target, f));
    sizes[f] = statSync(join(target, f)).size;
  }
  return sizes;
}

function fresh(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

const pyodideDir = fresh(join(ROOT, 'public/pyodide'));
const pyodideFiles = copyInto(pyodideDir, PYODIDE, PYODIDE_FILES);
const packages: string[] = [];
const extra = process.env.PYODIDE_PACKAGES_DIR;
if (extra) {
  const lock = JSON.parse(readFileSync(join(PYODIDE, 'pyodide-lock.json'), 'utf8')) as PyodideLock;
  const present = new Set(readdirSync(extra));
  for (const [name, p] of Object.entries(lock.packages)) {
    if (!p.file_name.endsWith('-none-any.whl') || !present.has(p.file_name)) continue;
    copyFileSync(join(extra, p.file_name), join(pyodideDir, p.file_name));
    packages.push(normalizePackageName(name));
  }
}
const pyodideManifest: RuntimeManifest = {
  name: 'pyodide',
  version: JSON.parse(readFileSync(join(PYODIDE, 'package.json'), 'utf8')).version,
  // the lock file is read by the loader, not by Pyodide's start: it is not counted as a start-up download
  files: Object.fromEntries(Object.entries(pyodideFiles).filter(([f]) => f !== 'pyodide-lock.json')),
  packages,
};
writeFileSync(join(pyodideDir, 'runtime.json'), JSON.stringify(pyodideManifest, null, 2) + '\n');

const duckdbDir = fresh(join(ROOT, 'public/duckdb'));
const duckdbManifest: RuntimeManifest = {
  name: 'duckdb-wasm',
  version: JSON.parse(readFileSync(join(DUCKDB_DIST, '../package.json'), 'utf8')).version,
  files: copyInto(duckdbDir, DUCKDB_DIST, DUCKDB_FILES),
};
writeFileSync(join(duckdbDir, 'runtime.json'), JSON.stringify(duckdbManifest, null, 2) + '\n');

const mb = (m: RuntimeManifest) => (Object.values(m.files).reduce((a, b) => a + b, 0) / 1e6).toFixed(1);
process.stdout.write(
  `public/pyodide: Pyodide ${pyodideManifest.version}, ${mb(pyodideManifest)} MB to start${packages.length ? `, ${packages.length} package wheel(s)` : ', no package wheels'}\n` +
    `public/duckdb: DuckDB-Wasm ${duckdbManifest.version}, ${mb(duckdbManifest)} MB to start\n`,
);
if (!existsSync(join(ROOT, 'public/data/samples/dummyjson-products.json'))) process.stderr.write('warning: public/data/samples/dummyjson-products.json is missing\n');
