/** One table as the database panel lists it. */
export interface TableInfo {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  /** null for a view (counting it would run its query). */
  rowCount: number | null;
  columns: { name: string; type: string; nullable: boolean }[];
}

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  /** Total rows the statement returned (the grid shows a page of them), counted up to a limit. */
  rowCount: number;
  /** True when there were more rows than the panel counts (rowCount is then that limit). */
  rowCountCapped?: boolean;
  /** Rows affected, for INSERT/UPDATE/DELETE/MERGE. */
  affectedRows?: number;
  durationMs: number;
}

/** A Postgres error as the panel shows it: message, SQLSTATE and the 1-based character position in the SQL. */
export interface SqlError {
  message: string;
  code?: string;
  position?: number;
}

/**
 * What the playground's views may ask of the engine worker besides running
 * flows. Implemented by EngineClient (engineClient.ts); views receive it as a prop
 * so they can be rendered against a fake in isolation.
 */
export interface EngineApi {
  /** Bytes of a file in internal storage (`kestra:///…`); rejects with a clear message if it was purged. */
  readFile(uri: string): Promise<Uint8Array>;
  database: {
    /** Boots the in-browser Postgres if needed, then lists the tables of the named database. */
    tables(db: string): Promise<TableInfo[]>;
    /** Runs one SQL text; returns rows offset..offset+limit of the last statement's result. */
    query(db: string, sql: string, page: { offset: number; limit: number }): Promise<QueryResult>;
    /** Drops everything in the database (after the learner confirmed). */
    reset(db: string): Promise<void>;
    /** Names of the databases flows have created so far. */
    list(): Promise<string[]>;
    /** Stops a query that runs too long by restarting the engine (committed data is kept); the pending call rejects. */
    cancel(): void;
  };
}
