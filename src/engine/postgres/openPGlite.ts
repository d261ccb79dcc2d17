import type { PGliteOptions } from '@electric-sql/pglite';
import type { SqlDatabase } from '../runtime/EngineServices';
import type { SqlDatabaseHandle } from './SqlDatabaseHandle';
import { KESTRA_PARSERS } from './kestraParsers';
import { growMemfsByDoubling, memfsOf } from './growMemfsByDoubling';
import { installFastBlobDevice } from './fastBlobDevice';

/** initdb's arguments for a database made here: PostgreSQL 18 turns data checksums on by default; a database that lives in memory or in the browser gains nothing from them and spends time on every page written. */
export const INITDB_ARGS = ['--no-data-checksums'];

export interface OpenPGliteOptions {
  /** `idb://name` or `opfs-ahp://name` in the browser, a directory in Node, undefined for memory. */
  dataDir?: string;
  /** A gzipped data-directory snapshot (dumpDataDir('gzip')) for a fast first start. */
  loadDataDir?: Blob;
  /** A PGlite file system instance (e.g. an OPFS one), instead of the one `dataDir` names. */
  fs?: unknown;
  /** Benchmarks only: false keeps Emscripten's own MEMFS growth (see growMemfsByDoubling.ts). */
  memfsDoubling?: boolean;
  /** Benchmarks only: false keeps PGlite's own /dev/blob device (see fastBlobDevice.ts). */
  fastBlobDevice?: boolean;
  /** Benchmarks only: PGlite's WebAssembly module, compiled once for many instances. */
  wasmModule?: WebAssembly.Module;
  /** Benchmarks only: PostgreSQL's start parameters instead of PGlite's defaults. */
  startParams?: string[];
  /** Benchmarks only: true runs initdb (when there is no snapshot) with PostgreSQL 18's default data checksums. */
  dataChecksums?: boolean;
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
    ...(options.fs ? { fs: options.fs as PGliteOptions['fs'] } : {}),
    initDbStartParams: options.dataChecksums ? [] : INITDB_ARGS,
    ...(options.startParams ? { startParams: options.startParams } : {}),
    ...(options.wasmModule ? { pgliteWasmModule: options.wasmModule } : {}),
    parsers: KESTRA_PARSERS,
  });
  // appending to a file in MEMFS copies the whole file (quadratic); grow by doubling instead
  const memfs = memfsOf(pg);
  if (memfs && options.memfsDoubling !== false) growMemfsByDoubling(memfs);
  // COPY data reaches PostgreSQL through /dev/blob: read it with TypedArray.set, not byte by byte
  if (options.fastBlobDevice !== false) installFastBlobDevice(pg);
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
