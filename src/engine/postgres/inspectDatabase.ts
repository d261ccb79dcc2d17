import { quoteIdentAlways } from './quoteIdent';
import type { SqlDatabase } from '../runtime/EngineServices';
import { formatSqlError } from './formatSqlError';

export interface TableInfo {
  schema: string;
  name: string;
  /** Exact count (tables are small in the playground). */
  rowCount: number;
  columns: { name: string; type: string; nullable: boolean }[];
}


/** Every user table with its columns and row count, for the playground's database panel. */
export async function listTables(db: SqlDatabase): Promise<TableInfo[]> {
  const cols = await db.query(
    `SELECT c.table_schema AS schema, c.table_name AS name, c.column_name AS col, c.data_type AS type, c.is_nullable = 'YES' AS nullable
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, TableInfo>();
  for (const r of cols.rows) {
    const key = `${r.schema}.${r.name}`;
    let t = tables.get(key);
    if (!t) tables.set(key, (t = { schema: String(r.schema), name: String(r.name), rowCount: 0, columns: [] }));
    t.columns.push({ name: String(r.col), type: String(r.type), nullable: Boolean(r.nullable) });
  }
  for (const t of tables.values()) {
    t.rowCount = Number((await db.query(`SELECT count(*) AS n FROM ${quoteIdentAlways(t.schema)}.${quoteIdentAlways(t.name)}`)).rows[0].n);
  }
  return [...tables.values()];
}

export interface QueryPage {
  columns: { name: string; dataTypeID: number }[];
  rows: Record<string, unknown>[];
  /** Rows affected by a statement that returns none (INSERT, UPDATE, …). */
  affectedRows: number | null;
  page: number;
  pageSize: number;
  /** True when there is at least one more row after this page. */
  hasMore: boolean;
}

/**
 * Runs one SQL statement typed by the learner. A SELECT-like statement is
 * paged by wrapping it (`SELECT * FROM (…) LIMIT/OFFSET`); anything else runs
 * as written. Errors carry Postgres's message, SQLSTATE and position.
 */
export async function runSqlPage(db: SqlDatabase, sql: string, options: { page?: number; pageSize?: number } = {}): Promise<QueryPage> {
  const page = Math.max(0, options.page ?? 0);
  const pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 100));
  const body = sql.trim().replace(/;\s*$/, '');
  const pageable = /^(select|with|values|table)\b/i.test(body) && !/;/.test(body.replace(/'[^']*'/g, ''));
  try {
    if (pageable) {
      const r = await db.query(`SELECT * FROM (${body}\n) AS q LIMIT ${pageSize + 1} OFFSET ${page * pageSize}`);
      return { columns: r.fields, rows: r.rows.slice(0, pageSize), affectedRows: null, page, pageSize, hasMore: r.rows.length > pageSize };
    }
    const results = await db.exec(sql);
    const last = results[results.length - 1] ?? { rows: [], fields: [] };
    return { columns: last.fields, rows: last.rows.slice(0, pageSize), affectedRows: last.fields.length ? null : (last.affectedRows ?? 0), page: 0, pageSize, hasMore: last.rows.length > pageSize };
  } catch (e) {
    throw formatSqlError(e, sql);
  }
}
