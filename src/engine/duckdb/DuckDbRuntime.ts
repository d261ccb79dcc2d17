/**
 * What the engine asks of DuckDB (DuckDB-Wasm, in a worker the host can
 * stop). The host (src/cli/runtimes for Node, src/worker/runtimes for the
 * browser) gives one through EngineServices.duckdb.
 */

export interface DuckDbColumn {
  name: string;
  /** DuckDB's type name as Arrow reports it (Utf8, Float64, Int64, …). */
  type: string;
}

/** A statement's result, converted to plain values (see arrowRows.ts). */
export interface DuckDbResult {
  columns: DuckDbColumn[];
  rows: Record<string, unknown>[];
}

/** One connection with a working directory of its own. */
export interface DuckDbConnection {
  /** Absolute directory of this connection's files; DuckDB reads and writes there. */
  readonly workingDir: string;
  /** Writes a file: an absolute path, or a name relative to nothing that DuckDB can read as is. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** The bytes of a file DuckDB wrote or was given, or null when there is none. */
  readFile(path: string): Promise<Uint8Array | null>;
  /** Runs one statement. */
  query(sql: string): Promise<DuckDbResult>;
  /** Creates table `table` from a JSON file that holds an array of objects (DuckDB-Wasm's own JSON import, no extension needed). */
  insertJson(path: string, table: string): Promise<void>;
  /** Ends the connection and removes its working directory. */
  close(): Promise<void>;
}

export interface DuckDbRuntime {
  /** "DuckDB v1.4.3 (DuckDB-Wasm 1.32.0)" */
  readonly description: string;
  /** A new connection; aborting `signal` stops what it is running (the worker may be restarted). */
  connect(signal: AbortSignal): Promise<DuckDbConnection>;
  close(): Promise<void>;
}
