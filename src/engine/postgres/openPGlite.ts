import type { SqlDatabase } from '../runtime/EngineServices';
import type { SqlDatabaseHandle } from './SqlDatabaseHandle';
import { KESTRA_PARSERS } from './kestraParsers';

export interface OpenPGliteOptions {
  /** `idb://name` in the browser, a directory in Node, undefined for memory. */
  dataDir?: string;
  /** A gzipped data-directory snapshot (dumpDataDir('gzip')) for a fast first start. */
  loadDataDir?: Blob;
}

/**
 * Boots PGlite. The package is imported here, dynamically, so nothing
 * Postgres-related is loaded until a flow actually needs a database.
 */
export async function openPGlite(options: OpenPGliteOptions = {}): Promise<SqlDatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: KESTRA_PARSERS,
  });
  // Kestra's taxi flow casts timestamps to text for its md5 key: keep the server's default style and zone
  await pg.exec("SET TIME ZONE 'UTC'");
  let versionText: string | null = null;
  type Queryable = Pick<typeof pg, 'query' | 'exec'>;
  const wrap = (q: Queryable): Omit<SqlDatabase, 'transaction'> => ({
    exec: (sql, opts) => q.exec(sql, opts) as ReturnType<SqlDatabase['exec']>,
    query: (sql, params, opts) => q.query(sql, params ?? [], opts) as ReturnType<SqlDatabase['query']>,
    version: async () => {
      versionText ??= String((await pg.query<{ v: string }>('select version() as v')).rows[0].v);
      return versionText;
    },
  });
  const db: SqlDatabase = {
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
  };
  return { db, raw: pg, close: () => pg.close() };
}
