import type { SqlDatabase } from '../src/engine/runtime/EngineServices';
import { buildCopySql } from '../src/engine/postgres/buildCopySql';
import { BytesBlob } from '../src/engine/postgres/BytesBlob';
import { copyCsvAsBinary } from '../src/engine/postgres/binaryCopy/copyCsvAsBinary';
import type { TaxiSql } from './taxiSql';

export interface StepTimes {
  copy: number;
  update: number;
  merge: number;
  /** CPU time of the 3 steps of the thread that ran them (PGlite's thread, the native backend), when it can be read. */
  cpu?: number;
}

/**
 * The taxi flow's three load steps on `db`, timed: COPY into the staging
 * table (as CopyIn does it: the binary COPY of copyCsvAsBinary, or the text
 * COPY PostgreSQL parses when `binary` is off), the md5 UPDATE, the MERGE.
 * Tables are dropped and created first, and the rows merged counted after
 * (neither timed).
 */
export async function runLoadSteps(
  db: SqlDatabase,
  sql: TaxiSql,
  csv: Uint8Array,
  options: { binary: boolean; bytesBlob: boolean; cpu?: () => number | null | Promise<number | null> },
): Promise<StepTimes> {
  await db.exec(sql.setup);
  const copyOptions = { table: sql.staging, columns: sql.columns, format: 'CSV' as const, header: true };
  const cpu0 = (await options.cpu?.()) ?? null;
  const t0 = performance.now();
  if (options.binary) {
    const r = await copyCsvAsBinary(db, copyOptions, csv);
    if (!r.done) throw new Error(`the binary COPY was not used: ${r.reason}`);
  } else {
    const blob = options.bytesBlob ? new BytesBlob(csv) : new Blob([csv as BlobPart]);
    await db.query(buildCopySql(copyOptions, "FROM '/dev/blob'"), [], { blob });
  }
  const t1 = performance.now();
  await db.exec(sql.update);
  const t2 = performance.now();
  await db.exec(sql.merge);
  const t3 = performance.now();
  const cpu1 = (await options.cpu?.()) ?? null;
  const loaded = Number((await db.query('SELECT count(*) AS n FROM public.green_tripdata')).rows[0].n);
  if (loaded !== dataRows(csv)) throw new Error(`the MERGE left ${loaded} rows, the data has ${dataRows(csv)}`);
  return { copy: t1 - t0, update: t2 - t1, merge: t3 - t2, ...(cpu0 !== null && cpu1 !== null ? { cpu: cpu1 - cpu0 } : {}) };
}

/** Data lines of a CSV with a header line. */
export function dataRows(csv: Uint8Array): number {
  let lines = 0;
  for (let i = csv.indexOf(0x0a); i !== -1; i = csv.indexOf(0x0a, i + 1)) lines++;
  if (csv.length && csv[csv.length - 1] !== 0x0a) lines++;
  return lines - 1;
}

/** The first `rows` data lines of a CSV with a header (all of it when it has fewer). */
export function firstRows(csv: Uint8Array, rows: number): Uint8Array {
  let seen = -1; // the header line
  for (let i = 0; i < csv.length; i++) {
    if (csv[i] === 0x0a && ++seen === rows) return csv.subarray(0, i + 1);
  }
  return csv;
}

/** Two CSVs with the same header, one after the other (the second one's header dropped). */
export function concatCsv(a: Uint8Array, b: Uint8Array): Uint8Array {
  const headerEnd = b.indexOf(0x0a) + 1;
  const out = new Uint8Array(a.length + b.length - headerEnd);
  out.set(a);
  out.set(b.subarray(headerEnd), a.length);
  return out;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function medianSteps(runs: StepTimes[]): StepTimes & { total: number } {
  const copy = median(runs.map((r) => r.copy));
  const update = median(runs.map((r) => r.update));
  const merge = median(runs.map((r) => r.merge));
  const cpus = runs.map((r) => r.cpu).filter((c): c is number => c !== undefined);
  return { copy, update, merge, total: median(runs.map((r) => r.copy + r.update + r.merge)), ...(cpus.length ? { cpu: median(cpus) } : {}) };
}
