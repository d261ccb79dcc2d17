import type { EngineEvent, Execution, Flow, FlowError, KestraVersionCompatibility } from '../engine';
import type { LeaseStatus } from './DatabaseLease';
import type { KestraVersion } from '../engine/KestraVersion';
import type { RuntimeLoadProgress } from '../engine/runtime/EngineServices';
import type { DbtProjectGraph } from '../engine/dbt/describeDbtProject';
import type { SchedulerEvent, TriggerStatus } from '../engine/triggers';
import type { SchedulerMethod } from './schedulerInWorker';

/** Named calls the page can make besides running flows; each answers with `result` or `error`. */
export interface WorkerCalls {
  validate(source: string): { errors: FlowError[]; warnings: FlowError[]; outline: FlowOutline | null; flow: Flow | null; branches: BranchPaths };
  catalog(): TaskCatalogEntry[];
  /** Which Kestra versions accept the flow as it is (Copy YAML for Kestra). */
  compatibility(source: string): KestraVersionCompatibility[];
  readFile(uri: string): Uint8Array;
  dbList(): string[];
  dbTables(db: string, dataBase: string): unknown;
  dbQuery(db: string, sql: string, page: { offset: number; limit: number }, dataBase: string): unknown;
  dbReset(db: string, dataBase: string): void;
  dbWarm(db: string, dataBase: string): boolean;
  schedulerOpen(source: string, settings: RunSettings): { now: string; triggers: TriggerStatus[]; errors: number };
  schedulerCall(method: SchedulerMethod, args: unknown[]): unknown;
  schedulerKill(executionId: string): boolean;
  nsList(namespace: string, refresh?: boolean): { path: string; size: number }[];
  nsRead(namespace: string, path: string): string | null;
  nsWrite(namespace: string, path: string, content: string): void;
  nsDelete(namespace: string, path: string): boolean;
  dbtGraph(namespace: string, task: { projectDir?: string; env?: Record<string, string>; profiles?: string; database?: string }, dataBase: string): DbtProjectGraph;
}

/** What the editor and the inputs form need to know about the flow being edited. */
export interface FlowOutline {
  id: string | null;
  namespace: string | null;
  inputs: Record<string, unknown>[];
  variables: string[];
  tasks: { id: string; type: string }[];
}

/** For every flowable task id, where its child branches are (e.g. `then`, `cases.yellow`). */
export type BranchPaths = Record<string, { key: string; path: (string | number)[] }[]>;

export interface TaskCatalogEntry {
  type: string;
  properties: { name: string; required: boolean; description?: string }[];
}

export type RunSettings = {
  /** Absolute URL of the site's data/ folder. */
  dataBase: string;
  dataset: 'sample' | 'full';
  /** The learner's secrets, for secret('KEY'). */
  secrets: Record<string, string>;
  /** Which Kestra the engine behaves like where versions differ (the playground's setting). */
  kestraVersion?: KestraVersion;
  /** The learner's saved flows and the one being run, for Subflow calls (besides the site's own flows). */
  flows?: string[];
};

/**
 * Run an earlier execution again (Kestra's Restart / Replay): the same
 * execution from its failed task runs, or a new one from a task run (null:
 * from the beginning). Its inputs and labels are the execution's own.
 */
export type RunFrom = { action: 'restart'; execution: Execution } | { action: 'replay'; execution: Execution; taskRunId: string | null };

/** Messages the page sends to the engine worker. */
export type WorkerRequest =
  | { type: 'run'; requestId: string; source: string; inputs: Record<string, unknown>; settings: RunSettings; labels?: Record<string, string>; from?: RunFrom }
  | { type: 'kill'; executionId: string }
  | { type: 'resume'; executionId: string }
  | { type: 'call'; requestId: string; method: keyof WorkerCalls; args: unknown[] };

/** Messages the engine worker sends back. */
export type WorkerResponse =
  | { type: 'ready' }
  /** A WebAssembly runtime (Python, DuckDB) started or finished loading. */
  | { type: 'runtime'; progress: RuntimeLoadProgress }
  /** What the scheduler did (trigger statuses, backfill progress, its executions' events), in order. */
  | { type: 'scheduler'; events: SchedulerEvent[] }
  /** The cross-tab database lease changed (see DatabaseLease.ts). */
  | { type: 'lease'; status: LeaseStatus }
  | { type: 'events'; requestId: string; events: EngineEvent[] }
  | { type: 'invalid'; requestId: string; errors: FlowError[]; inputErrors?: { id: string; message: string }[] }
  | { type: 'done'; requestId: string; executionId: string }
  | { type: 'crash'; requestId?: string; message: string }
  | { type: 'result'; requestId: string; value: unknown }
  | { type: 'error'; requestId: string; error: { message: string; code?: string; position?: number } };
