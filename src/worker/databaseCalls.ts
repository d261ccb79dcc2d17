import { listTables } from '../engine/postgres/inspectDatabase';
import type { SqlDatabase } from '../engine/runtime/EngineServices';
import { pgTypeName } from './pgTypeName';
import { quoteIdentAlways } from '../engine/postgres/quoteIdent';

/** The database panel's calls: tables, a paged SQL query, and a reset, against one named database. */
export function databaseCalls(open: (name: string) => Promise<SqlDatabase>) {
  return {
    async tables(name: string) {
      return listTables(await open(name));
    },
    async query(name: string, sql: string, page: { offset: number; limit: number }) {
      const db = await open(name);
      const started = performance.now();
      const results = await db.exec(sql);
      const durationMs = Math.round(performance.now() - started);
      const last = results[results.length - 1] ?? { rows: [], fields: [] };
      const columns = last.fields.map((f) => ({ name: f.name, type: pgTypeName(f.dataTypeID) }));
      const rows = last.rows.slice(page.offset, page.offset + page.limit).map((r) => last.fields.map((f) => r[f.name]));
      return {
        columns,
        rows,
        rowCount: last.rows.length,
        affectedRows: last.fields.length ? undefined : (last.affectedRows ?? 0),
        durationMs,
      };
    },
    async reset(name: string) {
      const db = await open(name);
      const schemas = await db.query(
        `SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
      );
      const names = schemas.rows.map((r) => String(r.nspname));
      await db.exec(`${names.map((n) => `DROP SCHEMA ${quoteIdentAlways(n)} CASCADE;`).join('\n')}\nCREATE SCHEMA public;`);
    },
  };
}
