import type { SqlDatabase } from '../runtime/EngineServices';

export interface TableInfo {
  schema: string;
  name: string;
  /** A table (or materialized view) or a view: dbt's staging models are views. */
  kind: 'table' | 'view';
  /** Exact count for a table (tables are small in the playground); null for a view, whose count would run its query. */
  rowCount: number | null;
  columns: { name: string; type: string; nullable: boolean }[];
}


/**
 * Every user table and view with its columns and (tables) exact row count, for the playground's
 * database panel, in one round trip: one query on pg_catalog (information_schema's
 * views are slow in PGlite) whose columns are a JSON list per table and whose
 * count runs inside the same statement (`query_to_xml` runs the `count(*)` the
 * catalog names, quoted with `format('%I')`), so the panel waits for one answer.
 */
export async function listTables(db: SqlDatabase): Promise<TableInfo[]> {
  const result = await db.query(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
            CASE WHEN c.relkind <> 'v' THEN (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text END AS n,
            (SELECT coalesce(json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'nullable', NOT a.attnotnull) ORDER BY a.attnum), '[]'::json)
               FROM pg_catalog.pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)::text AS columns
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY n.nspname, c.relname`,
  );
  return result.rows.map((r) => ({
    schema: String(r.schema),
    name: String(r.name),
    kind: r.kind === 'v' ? 'view' : 'table',
    rowCount: r.n === null || r.n === undefined ? null : Number(r.n),
    columns: (JSON.parse(String(r.columns)) as { name: string; type: string; nullable: boolean }[]).map((c) => ({
      name: String(c.name),
      type: String(c.type),
      nullable: Boolean(c.nullable),
    })),
  }));
}
