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

/** The md5 of every row's text form (computed in SQL), chained in insertion order, and the row count. */
export async function tableDigest(db: Db, table: string): Promise<{ rows: number; md5: string }> {
  const r = await db.query(`SELECT count(*)::int AS n, md5(string_agg(md5(whole_row::text), '' ORDER BY ctid)) AS h FROM ${table} whole_row`);
  return { rows: Number(r.rows[0].n), md5: String(r.rows[0].h) };
}

/**
 * Rows of table `a` and `b` that differ, compared by position (insertion
 * order) on the md5 of each row's text form, computed in SQL: 0 when the two
 * tables hold the same rows in the same order.
 */
export async function differingRows(db: Db, a: string, b: string): Promise<{ count: number; first: string | null }> {
  const r = await db.query(
    `WITH x AS (SELECT row_number() OVER (ORDER BY ctid) AS n, md5(whole_row::text) AS h, whole_row::text AS r FROM ${a} whole_row),
          y AS (SELECT row_number() OVER (ORDER BY ctid) AS n, md5(whole_row::text) AS h, whole_row::text AS r FROM ${b} whole_row)
     SELECT count(*)::int AS count, min(coalesce(x.n, y.n)) AS first_n,
            (array_agg(coalesce(x.r, '∅') || '  ≠  ' || coalesce(y.r, '∅') ORDER BY coalesce(x.n, y.n)))[1] AS first
       FROM x FULL JOIN y USING (n) WHERE x.h IS DISTINCT FROM y.h`,
  );
  return { count: Number(r.rows[0].count), first: (r.rows[0].first as string | null) ?? null };
}
