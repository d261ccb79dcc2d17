import type { Interpreter } from '../jinja/interpreter';
import type { JinjaBudget } from '../jinja/JinjaBudget';
import type { ProjectConfig } from '../project/ProjectConfig';
import type { TargetInfo } from '../project/profile';
import type { DbtNode, Manifest, SourceTable } from '../project/types';
import type { AgateTable } from './AgateTable';
import type { Column } from './Column';
import type { MacroRegistry } from './MacroRegistry';
import type { Relation } from './Relation';

export interface AdapterResponse {
  _message: string;
  code: string;
  rows_affected: number;
}

export interface RuntimeFlags {
  /** The dbt command (`run`, `build`, `compile`…), `flags.WHICH`. */
  which: string;
  fullRefresh: boolean;
  storeFailures: boolean;
  warnError: boolean;
  /** `--empty`: refs and sources read no rows. */
  empty: boolean;
}

/**
 * What templates reach of the dbt run they belong to: the project, the
 * target, the manifest, the database (through `execute`) and the logger.
 * The run (run/DbtSession.ts) implements it; the context only sees this.
 */
export interface DbtRuntime {
  readonly rootProject: ProjectConfig;
  readonly projects: Map<string, ProjectConfig>;
  readonly target: TargetInfo;
  readonly env: Record<string, string>;
  readonly cliVars: Map<unknown, unknown>;
  readonly manifest: Manifest;
  readonly macros: MacroRegistry;
  readonly flags: RuntimeFlags;
  readonly invocationId: string;
  readonly runStartedAt: Date;
  readonly interp: Interpreter;
  /** Unique ids of the nodes this command selected (`selected_resources`). */
  readonly selected: string[];
  /** A fresh budget for one node's render. */
  budget(): JinjaBudget;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** Runs SQL on the target (through the db-name rewrite); `fetch` returns the rows as an agate table. */
  execute(sql: string, fetch: boolean): Promise<{ response: AdapterResponse; table: AgateTable }>;
  getRelation(database: string | null, schema: string, identifier: string): Promise<Relation | null>;
  getColumns(relation: Relation): Promise<Column[]>;
  /** The relation a node builds (`this`, `ref()`); a CTE name for ephemeral models. */
  relationOf(node: DbtNode): Relation;
  sourceRelation(source: SourceTable): Relation;
  /** The node `ref(name)` means from `from` (package-aware), or an error saying what was not found. */
  resolveRef(name: string, pkg: string | null, version: string | null, from: DbtNode | null): DbtNode;
  resolveSource(sourceName: string, tableName: string, from: DbtNode | null): SourceTable;
  /** Compiles an ephemeral node (for CTE injection). */
  compileEphemeral(node: DbtNode): Promise<string>;
}
