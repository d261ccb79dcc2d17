import type { Clock } from './Clock';
import type { InternalStorage } from '../storage/InternalStorage';
import type { NamespaceFiles } from '../storage/NamespaceFiles';
import type { KestraVersion } from '../KestraVersion';
import type { GitRepositories } from '../git/GitRepositories';
import type { FlowRepository } from './FlowRepository';
import type { ExecutionLimits } from './ExecutionLimits';
import type { PythonRuntime } from '../python/PythonRuntime';
import type { DuckDbRuntime } from '../duckdb/DuckDbRuntime';

/** A Postgres database the engine can talk to (PGlite in the browser and in Node). */
export interface SqlDatabase {
  /** Runs one statement or several (simple protocol); rows of each result. */
  exec(sql: string, options?: { blob?: Blob | File }): Promise<{ rows: Record<string, unknown>[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number; /** rows a FETCH/MOVE/SELECT reported in its command tag */ rowCount?: number }[]>;
  query(sql: string, params?: unknown[], options?: { blob?: Blob | File }): Promise<{ rows: Record<string, unknown>[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number; blob?: Blob }>;
  transaction<T>(fn: (tx: Omit<SqlDatabase, 'transaction'>) => Promise<T>): Promise<T>;
  /** "PostgreSQL 18.x ..." */
  version(): Promise<string>;
}

/**
 * What the engine needs from its host (a Web Worker in the browser, Node for
 * tests and the command line). The clock and the id generator are injectable
 * so tests are deterministic.
 */
export interface EngineServices {
  clock: Clock;
  newId: () => string;
  storage: InternalStorage;
  /** Key-value store, per namespace (the kv() function and kv.Set/Get/Delete tasks). */
  kv: Map<string, Map<string, unknown>>;
  /** Secrets the learner filled in (secret() function). */
  secrets: Record<string, string>;
  /** Opens (booting on first use) the in-browser Postgres database named `name`. */
  database?: (name: string) => Promise<SqlDatabase>;
  /** Downloads a URL; the host maps the course's data URLs to its own copies. */
  fetch?: (url: string, signal?: AbortSignal) => Promise<Response>;
  /** Kestra's namespace files (a memory store when the host gives none). */
  namespaceFiles?: NamespaceFiles;
  /** Git repositories for the git tasks: the course's from the site's copy, others mapped or downloaded. */
  gitRepositories?: GitRepositories;
  /** What one execution may keep (log lines, working directory, storage, outputs); DEFAULT_EXECUTION_LIMITS when unset. */
  limits?: Partial<ExecutionLimits>;
  /** Other flows (several per namespace) for Subflow / ForEachItem; none when unset. */
  flows?: FlowRepository;
  /** Which Kestra to behave like where versions differ (DEFAULT_KESTRA_VERSION when unset). */
  kestraVersion?: KestraVersion;
  /** Starts (on first use, then reuses) Python (Pyodide) for the python.Script/Commands tasks. */
  python?: (onProgress?: RuntimeLoadListener) => Promise<PythonRuntime>;
  /** Starts (on first use, then reuses) DuckDB-Wasm for the jdbc.duckdb tasks. */
  duckdb?: (onProgress?: RuntimeLoadListener) => Promise<DuckDbRuntime>;
  /** Told when a runtime starts and finishes loading (the UI shows "Loading Python, 12.1 MB…"). */
  onRuntimeLoad?: RuntimeLoadListener;
}

/** Progress of loading a WebAssembly runtime (Python, DuckDB) the first time a flow needs it. */
export interface RuntimeLoadProgress {
  runtime: 'python' | 'duckdb';
  phase: 'loading' | 'ready' | 'failed';
  /** "Loading Python (Pyodide 314.0.8), 12.1 MB…" */
  message: string;
  /** Bytes of the runtime's files (what a browser downloads the first time). */
  totalBytes?: number;
  /** How long loading took, once ready. */
  ms?: number;
}

export type RuntimeLoadListener = (progress: RuntimeLoadProgress) => void;
