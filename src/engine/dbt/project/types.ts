import type { Template } from '../jinja/ast';

export type ResourceType = 'model' | 'seed' | 'test' | 'source' | 'snapshot' | 'analysis' | 'macro' | 'operation';

/** A node's config, as dbt merges it (dbt_project.yml < properties YAML < `config()` in the file). Plain data. */
export type NodeConfig = Record<string, unknown> & {
  enabled: boolean;
  materialized: string;
  tags: string[];
  pre_hook: string[];
  post_hook: string[];
};

export interface ColumnInfo {
  name: string;
  description: string;
  data_type: string | null;
  meta: Record<string, unknown>;
  tags: string[];
  quote: boolean | null;
}

/** A model, seed, test, analysis or snapshot of the project (dbt's manifest node). */
export interface DbtNode {
  uniqueId: string;
  resourceType: ResourceType;
  name: string;
  packageName: string;
  /** Path relative to its resource folder (`staging/stg_x.sql`). */
  path: string;
  /** Path relative to the project (`models/staging/stg_x.sql`). */
  originalFilePath: string;
  /** Where the project lives in the working directory (`` or `dbt/`). */
  projectRoot: string;
  fqn: string[];
  rawCode: string;
  template: Template | null;
  config: NodeConfig;
  /** Config set by the file's `config()` and properties, before dbt_project.yml (for the manifest's unrendered_config). */
  unrenderedConfig: Record<string, unknown>;
  description: string;
  columns: Record<string, ColumnInfo>;
  refs: { name: string; package: string | null; version: string | null }[];
  sources: [string, string][];
  dependsOnMacros: string[];
  /** Filled after parsing: unique ids of the nodes and sources it reads. */
  dependsOn: string[];
  database: string;
  schema: string;
  alias: string;
  checksum: string;
  patchPath: string | null;
  /** Generic tests: which test, its arguments (unrendered) and the column. */
  testMetadata?: { name: string; namespace: string | null; kwargs: Record<string, unknown> };
  columnName?: string | null;
  /** The model or seed a generic test is attached to. */
  attachedNode?: string | null;
  /** Seeds: the CSV text. */
  seedCsv?: string;
  /** Set when compiled: the SQL dbt would run (ephemeral CTEs injected). */
  compiledCode?: string;
  /** Ephemeral models referenced (recursively) by this node, for CTE injection. */
  extraCtes?: { id: string; sql: string }[];
}

export interface SourceTable {
  uniqueId: string;
  sourceName: string;
  name: string;
  identifier: string;
  database: string;
  schema: string;
  packageName: string;
  originalFilePath: string;
  fqn: string[];
  description: string;
  sourceDescription: string;
  loader: string;
  columns: Record<string, ColumnInfo>;
  tags: string[];
  meta: Record<string, unknown>;
  config: { enabled: boolean };
  freshness: unknown;
  loadedAtField: string | null;
}

export interface MacroDef {
  uniqueId: string;
  name: string;
  packageName: string;
  originalFilePath: string;
  /** Jinja source and tree, for macros written in the project or in a package. */
  source?: string;
  node?: Extract<Template['body'][number], { type: 'macro' }>;
  /** Macros this runner implements in TypeScript (dbt's own, dbt_utils', codegen's). */
  native?: boolean;
  description: string;
  arguments: { name: string; type: string | null; description: string }[];
}

/** Everything parsed from the project and its packages: dbt's manifest. */
export interface Manifest {
  nodes: Map<string, DbtNode>;
  sources: Map<string, SourceTable>;
  macros: Map<string, MacroDef>;
  /** Disabled nodes (enabled: false), kept out of the graph. */
  disabled: DbtNode[];
}
