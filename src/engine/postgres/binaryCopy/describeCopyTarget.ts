import type { SqlDatabase } from '../../runtime/EngineServices';

export interface CopyTargetColumn {
  name: string;
  typeOid: number;
  generated: boolean;
}

export interface CopyTarget {
  /** The table's columns in order (dropped ones left out). */
  columns: CopyTargetColumn[];
  timeZone: string;
  clientEncoding: string;
  serverEncoding: string;
}

/**
 * The columns of the table a COPY names (resolved by PostgreSQL, with the
 * search_path, exactly as the COPY statement resolves it), and the session
 * settings that change how text input is read. Null when there is no such
 * table, or the name does not parse: the text COPY then reports it.
 */
export async function describeCopyTarget(db: Pick<SqlDatabase, 'query'>, table: string): Promise<CopyTarget | null> {
  let rows: Record<string, unknown>[];
  try {
    rows = (
      await db.query(
        `SELECT a.attname AS name, a.atttypid::int AS type, a.attgenerated <> '' AS generated,
                current_setting('TimeZone') AS tz, current_setting('client_encoding') AS client, current_setting('server_encoding') AS server
           FROM pg_catalog.pg_attribute a
          WHERE a.attrelid = pg_catalog.to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum`,
        [table],
      )
    ).rows;
  } catch {
    return null;
  }
  if (!rows.length) return null;
  return {
    columns: rows.map((r) => ({ name: String(r.name), typeOid: Number(r.type), generated: r.generated === true })),
    timeZone: String(rows[0].tz),
    clientEncoding: String(rows[0].client),
    serverEncoding: String(rows[0].server),
  };
}
