/**
 * Writes public/data/manifest.json: every shipped data file with its row
 * count (header excluded) and size, sample and full month.
 * Run: npx tsx scripts/buildDataManifest.ts
 */
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataFileInfo, DataManifest } from '../src/engine/data/DataManifest';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../public/data');

function countRows(bytes: Uint8Array): number {
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lines++;
  if (bytes.length && bytes[bytes.length - 1] !== 10) lines++;
  return Math.max(0, lines - 1);
}

function info(path: string): DataFileInfo {
  const raw = readFileSync(join(DATA, path));
  const text = path.endsWith('.gz') ? gunzipSync(raw) : raw;
  return { path, rows: countRows(text), bytes: statSync(join(DATA, path)).size };
}

const manifest: DataManifest = { files: {} };
const isData = (f: string) => f.endsWith('.csv.gz') || f.endsWith('.csv');
for (const f of readdirSync(DATA).filter(isData).sort()) manifest.files[f] = { sample: info(f) };
if (existsSync(join(DATA, 'full'))) {
  for (const f of readdirSync(join(DATA, 'full')).filter(isData).sort()) {
    const full = info(`full/${f}`);
    manifest.files[f] = { sample: manifest.files[f]?.sample ?? full, full };
  }
}
writeFileSync(join(DATA, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
console.log(`wrote ${Object.keys(manifest.files).length} files to public/data/manifest.json`);
