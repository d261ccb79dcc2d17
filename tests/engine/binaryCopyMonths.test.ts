/**
 * CopyIn's binary COPY against PostgreSQL's own CSV reading, on the data the
 * site ships: every sample month (public/data/*.csv.gz) and every full month
 * (public/data/full/*), loaded both ways into the taxi flow's staging table
 * (flows/02_postgres_taxi.yaml), compared row by row (md5 of each row's text
 * form, as multisets: the heap order of the rows may differ, see
 * binaryCopyHarness.ts). Every file must also take the binary way: the
 * shipped data is what the speed-up is for.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parse } from 'yaml';
import { openPGlite } from '../../src/engine/postgres/openPGlite';
import type { SqlDatabaseHandle } from '../../src/engine/postgres/SqlDatabaseHandle';
import { copyCsvAsBinary } from '../../src/engine/postgres/binaryCopy/copyCsvAsBinary';
import { buildCopySql } from '../../src/engine/postgres/buildCopySql';
import { differingRows, tableDigest } from './binaryCopyHarness';

const DATA = join(import.meta.dirname, '../../public/data');
const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8')) as { files: Record<string, Partial<Record<'sample' | 'full', { path: string; rows: number }>>> };
const flow = parse(readFileSync(join(import.meta.dirname, '../../flows/02_postgres_taxi.yaml'), 'utf8')) as { tasks: { id: string; then?: { id: string; sql?: string; columns?: string[] }[] }[] };

/** The staging table's CREATE statement and CopyIn's columns for one taxi colour, from the flow. */
function schemaOf(taxi: 'yellow' | 'green', table: string) {
  const tasks = flow.tasks.find((t) => t.id === `if_${taxi}_taxi`)!.then!;
  const create = tasks.find((t) => t.id === `${taxi}_create_staging_table`)!.sql!.replace('{{render(vars.staging_table)}}', table);
  const columns = tasks.find((t) => t.id === `${taxi}_copy_in_to_staging_table`)!.columns!;
  return { create, columns };
}

let h: SqlDatabaseHandle;
before(async () => {
  h = await openPGlite();
});
after(async () => h.close());

async function compare(file: string, path: string, expectedRows: number) {
  const taxi = file.startsWith('yellow') ? 'yellow' : 'green';
  const text = schemaOf(taxi, 'by_text');
  const binary = schemaOf(taxi, 'by_binary');
  await h.db.exec(`DROP TABLE IF EXISTS by_text; DROP TABLE IF EXISTS by_binary; ${text.create}; ${binary.create}`);
  const csv = gunzipSync(readFileSync(join(DATA, path)));
  const options = { format: 'CSV' as const, header: true, columns: text.columns };
  await h.db.query(buildCopySql({ ...options, table: 'by_text' }, "FROM '/dev/blob'"), [], { blob: new Blob([csv]) });
  const r = await copyCsvAsBinary(h.db, { ...options, table: 'by_binary' }, csv);
  assert.ok(r.done, `${path} went the text way: ${r.done ? '' : r.reason}`);
  assert.equal(r.rowCount, expectedRows, `${path}: rows loaded`);
  const [a, b] = [await tableDigest(h.db, 'by_text'), await tableDigest(h.db, 'by_binary')];
  assert.equal(a.rows, expectedRows, `${path}: rows loaded by text`);
  if (a.md5 !== b.md5) {
    const diff = await differingRows(h.db, 'by_text', 'by_binary');
    assert.fail(`${path}: ${diff.count} rows differ, first: ${diff.first}`);
  }
}

// the taxi months (the manifest also lists other files, such as the zone lookup table)
const entries = Object.entries(manifest.files).filter(([file]) => /^(yellow|green)_tripdata_\d{4}-\d\d\.csv\.gz$/.test(file));

test('every sample month loads the same rows through the binary COPY as through PostgreSQL\'s CSV parser', async () => {
  let files = 0;
  for (const [file, v] of entries) {
    if (!v.sample) continue;
    await compare(file, v.sample.path, v.sample.rows);
    files++;
  }
  assert.ok(files >= 40, `only ${files} sample months found`);
});

test('every full month loads the same rows through the binary COPY as through PostgreSQL\'s CSV parser', async () => {
  let files = 0;
  for (const [file, v] of entries) {
    if (!v.full) continue;
    await compare(file, v.full.path, v.full.rows);
    files++;
  }
  assert.ok(files >= 10, `only ${files} full months found`);
});
