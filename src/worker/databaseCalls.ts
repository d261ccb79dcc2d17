import { listTables } from '../engine/postgres/inspectDatabase';
import type { SqlDatabase } from '../engine/runtime/EngineServices';
import { pgTypeName } from './pgTypeName';
import { quoteIdentAlways } from '../engine/postgres/quoteIdent';
import { sqlStatementSpans } from '../engine/postgres/splitSqlStatements';
import { stripSqlNoise } from '../engine/postgres/stripSqlNoise';

/** More rows than this are not counted: the panel says "more than 1,000,000". */
export const MAX_COUNTED_ROWS = 1_000_000;
const CURSOR = 'kestra_panel_cursor';
const SELECT_LIKE = /^(select|with|values|table)\b/i;
const WRITES = /\b(insert|update|delete|merge|into)\b/i;

type Use = () => { database(name: string): Promise<SqlDatabase>; done(): void };

/** A plain query the panel can page through with a cursor, so a huge result never comes into memory. */
function pageable(statement: string): boolean {
  const text = stripSqlNoise(statement);
  return SELECT_LIKE.test(text.trim()) && !WRITES.test(text);
}

interface Page {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  /** True when the result has more than MAX_COUNTED_ROWS rows (rowCount is then that limit). */
  rowCountCapped?: boolean;
  affectedRows?: number;
  durationMs: number;
}

/**
 * Runs the last statement of the panel's SQL through a cursor: the page of
 * rows asked for is fetched, the rest only counted (`MOVE`), at most
 * MAX_COUNTED_ROWS of them; nothing else is ever transferred.
 */
async function cursorPage(db: SqlDatabase, statement: string, page: { offset: number; limit: number }, charsBefore: number) {
  return db.transaction(async (tx) => {
    const declare = `DECLARE ${CURSOR} NO SCROLL CURSOR FOR `;
    await tx.exec(declare + statement).catch((e: unknown) => {
      throw atPosition(e, -declare.length + charsBefore);
    });
    if (page.offset > 0) await tx.exec(`MOVE FORWARD ${Math.floor(page.offset)} IN ${CURSOR}`);
    const fetched = (await tx.exec(`FETCH FORWARD ${Math.floor(page.limit)} FROM ${CURSOR}`))[0];
    const rest = (await tx.exec(`MOVE FORWARD ${MAX_COUNTED_ROWS} IN ${CURSOR}`))[0];
    const seen = page.offset + fetched.rows.length + (rest.rowCount ?? 0);
    const more = seen >= MAX_COUNTED_ROWS && (await tx.exec(`FETCH FORWARD 1 FROM ${CURSOR}`))[0].rows.length > 0;
    await tx.exec(`CLOSE ${CURSOR}`);
    return { fetched, rowCount: Math.min(seen, MAX_COUNTED_ROWS), capped: more || seen > MAX_COUNTED_ROWS };
  });
}

/** Moves an error's position (1-based characters) by `shift`, so it points into the text the learner typed. */
function atPosition(e: unknown, shift: number): unknown {
  const err = e as { position?: string | number | null };
  if (err && typeof err === 'object' && err.position !== undefined && err.position !== null && err.position !== '') {
    err.position = String(Number(err.position) + shift);
  }
  return e;
}

/** The database panel's calls: tables, a paged SQL query, and a reset, against one named database. Each call is one use of the cross-tab lease. */
export function databaseCalls(use: Use) {
  const withDb = async <T>(name: string, work: (db: SqlDatabase) => Promise<T>): Promise<T> => {
    const u = use();
    try {
      return await work(await u.database(name));
    } finally {
      u.done();
    }
  };
  return {
    tables: (name: string) => withDb(name, listTables),
    query: (name: string, sql: string, page: { offset: number; limit: number }) =>
      withDb(name, async (db): Promise<Page> => {
        const started = performance.now();
        const statements = sqlStatementSpans(sql);
        const last = statements[statements.length - 1];
        if (last && pageable(last.text)) {
          // the statements before the last run as typed, so their error positions need no shift
          if (statements.length > 1) await db.exec(sql.slice(0, last.start));
          const { fetched, rowCount, capped } = await cursorPage(db, last.text, page, Array.from(sql.slice(0, last.start)).length);
          return {
            columns: fetched.fields.map((f) => ({ name: f.name, type: pgTypeName(f.dataTypeID) })),
            rows: fetched.rows.map((r) => fetched.fields.map((f) => r[f.name])),
            rowCount,
            rowCountCapped: capped || undefined,
            durationMs: Math.round(performance.now() - started),
          };
        }
        const results = await db.exec(sql);
        const durationMs = Math.round(performance.now() - started);
        const lastResult = results[results.length - 1] ?? { rows: [], fields: [] };
        return {
          columns: lastResult.fields.map((f) => ({ name: f.name, type: pgTypeName(f.dataTypeID) })),
          rows: lastResult.rows.slice(page.offset, page.offset + page.limit).map((r) => lastResult.fields.map((f) => r[f.name])),
          rowCount: lastResult.rows.length,
          affectedRows: lastResult.fields.length ? undefined : (lastResult.affectedRows ?? 0),
          durationMs,
        };
      }),
    reset: (name: string) =>
      withDb(name, async (db) => {
        const schemas = await db.query(`SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`);
        const names = schemas.rows.map((r) => String(r.nspname));
        await db.exec(`${names.map((n) => `DROP SCHEMA ${quoteIdentAlways(n)} CASCADE;`).join('\n')}\nCREATE SCHEMA public;`);
      }),
  };
}
