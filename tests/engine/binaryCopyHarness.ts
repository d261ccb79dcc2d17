import { buildCopySql, type CopyOptions } from '../../src/engine/postgres/buildCopySql';
import { copyCsvAsBinary } from '../../src/engine/postgres/binaryCopy/copyCsvAsBinary';
import type { SqlDatabase } from '../../src/engine/runtime/EngineServices';

/**
 * What a COPY left in the table (each row's text form, in insertion order), or the error PostgreSQL raised.
 * Rows are read through the alias `whole_row`, which no test table has as a column name (a column named
 * like the alias would be read instead of the row).
 */
export type CopyOutcome = { rows: string[] } | { error: string; code: string | null };

type Db = Pick<SqlDatabase, 'query' | 'exec'>;

const rowsOf = async (db: Db, table: string) =>
  (await db.query(`SELECT whole_row::text AS r FROM ${table} whole_row ORDER BY ctid`)).rows.map((r) => String(r.r));

/** PostgreSQL's own reading: the text COPY … FROM '/dev/blob' CopyIn runs, into an emptied `table`. */
export async function copyAsText(db: Db, table: string, options: Omit<CopyOptions, 'table'>, data: Uint8Array): Promise<CopyOutcome> {
  await db.exec(`TRUNCATE ${table}`);
  try {
    await db.query(buildCopySql({ ...options, table }, "FROM '/dev/blob'"), [], { blob: new Blob([data as BlobPart]) });
  } catch (e) {
    const err = e as { message: string; code?: string };
    return { error: err.message, code: err.code ?? null };
  }
  return { rows: await rowsOf(db, table) };
}

/** CopyIn's way: the binary COPY when copyCsvAsBinary is sure, else the text COPY; and which way it went. */
export async function copyAsCopyIn(db: Db, table: string, options: Omit<CopyOptions, 'table'>, data: Uint8Array): Promise<{ outcome: CopyOutcome; binary: boolean; reason?: string }> {
  await db.exec(`TRUNCATE ${table}`);
  const r = await copyCsvAsBinary(db, { ...options, table }, data);
  if (r.done) return { outcome: { rows: await rowsOf(db, table) }, binary: true };
  return { outcome: await copyAsText(db, table, options, data), binary: false, reason: r.reason };
}

/**
 * The md5 of every row's text form (computed in SQL), as a multiset (sorted,
 * then chained), and the row count. Row order is left out on purpose: a
 * binary COPY can put rows on other heap pages than a text COPY of the same
 * data (PostgreSQL flushes a text COPY's batches by bytes of CSV and a binary
 * one's by 1000 rows, and the free space map then fills pages differently),
 * as two loads of the same data can in PostgreSQL generally.
 */
export async function tableDigest(db: Db, table: string): Promise<{ rows: number; md5: string }> {
  const r = await db.query(`SELECT count(*)::int AS n, md5(string_agg(h, '' ORDER BY h)) AS h FROM (SELECT md5(whole_row::text) AS h FROM ${table} whole_row) x`);
  return { rows: Number(r.rows[0].n), md5: String(r.rows[0].h) };
}

/** Rows (text form) in one table and not the other, counting duplicates, with an example of each. */
export async function differingRows(db: Db, a: string, b: string): Promise<{ count: number; first: string | null }> {
  const r = await db.query(
    `WITH x AS (SELECT whole_row::text AS r FROM ${a} whole_row), y AS (SELECT whole_row::text AS r FROM ${b} whole_row),
          only_a AS (SELECT r FROM x EXCEPT ALL SELECT r FROM y), only_b AS (SELECT r FROM y EXCEPT ALL SELECT r FROM x)
     SELECT (SELECT count(*) FROM only_a)::int + (SELECT count(*) FROM only_b)::int AS count,
            coalesce((SELECT min(r) FROM only_a), '∅') || '  ≠  ' || coalesce((SELECT min(r) FROM only_b), '∅') AS first`,
  );
  return { count: Number(r.rows[0].count), first: (r.rows[0].first as string | null) ?? null };
}
