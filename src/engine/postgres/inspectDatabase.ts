import { quoteIdentAlways } from './quoteIdent';
import type { SqlDatabase } from '../runtime/EngineServices';

export interface TableInfo {
  schema: string;
  name: string;
  /** Exact count (tables are small in the playground). */
  rowCount: number;
  columns: { name: string; type: string; nullable: boolean }[];
}


/**
 * Every user table with its columns and exact row count, for the playground's
 * database panel: one query on pg_catalog for the columns (information_schema's
 * views are slow in PGlite), one for every table's count.
 */
export async function listTables(db: SqlDatabase): Promise<TableInfo[]> {
  const cols = await db.query(
    `SELECT n.nspname AS schema, c.relname AS name, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY n.nspname, c.relname, a.attnum`,
  );
  const tables = new Map<string, TableInfo>();
  for (const r of cols.rows) {
    const key = `${r.schema}.${r.name}`;
    let t = tables.get(key);
    if (!t) tables.set(key, (t = { schema: String(r.schema), name: String(r.name), rowCount: 0, columns: [] }));
    t.columns.push({ name: String(r.col), type: String(r.type), nullable: Boolean(r.nullable) });
  }
  const list = [...tables.values()];
  if (list.length) {
    const counts = await db.query(list.map((t, i) => `SELECT ${i} AS i, count(*) AS n FROM ${quoteIdentAlways(t.schema)}.${quoteIdentAlways(t.name)}`).join('\nUNION ALL\n'));
    for (const r of counts.rows) list[Number(r.i)].rowCount = Number(r.n);
  }
  return list;
}
