import type { SqlDatabase } from '../runtime/EngineServices';

/** An open database and how to close it (PGlite costs memory until closed). */
export interface SqlDatabaseHandle {
  db: SqlDatabase;
  /** The underlying PGlite instance, for tools that need more (snapshots, benchmarks). */
  raw: unknown;
  close(): Promise<void>;
}
