import type { AdapterResponse } from '../context/DbtRuntime';
import { DBT_VERSION } from '../context/contextMembers';
import type { DbtNode, SourceTable } from '../project/types';
import type { DbtSession } from './DbtSession';

export interface Timing {
  name: 'compile' | 'execute';
  started_at: string;
  completed_at: string;
}

/** One entry of run_results.json. */
export interface NodeResult {
  status: 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';
  timing: Timing[];
  thread_id: string;
  execution_time: number;
  adapter_response: Partial<AdapterResponse>;
  message: string | null;
  failures: number | null;
  unique_id: string;
  compiled: boolean;
  compiled_code: string | null;
  relation_name: string | null;
  batch_results: null;
}

const hookList = (v: unknown[]) => v.map((h, index) => (typeof h === 'string' ? { sql: h, transaction: true, index } : { ...(h as object), index }));

/** A node's config as manifest.json writes it (`pre-hook`/`post-hook` as lists of {sql, transaction, index}). */
function configJson(n: DbtNode): Record<string, unknown> {
  const { pre_hook, post_hook, ...rest } = n.config;
  return { ...rest, 'post-hook': hookList(post_hook), 'pre-hook': hookList(pre_hook) };
}

export function relationName(s: DbtSession, n: DbtNode): string | null {
  if (n.resourceType === 'test' || n.resourceType === 'analysis') return n.resourceType === 'test' && n.config.store_failures ? `"${n.database}"."${n.schema}"."${n.alias}"` : null;
  if (n.resourceType === 'model' && n.config.materialized === 'ephemeral') return null;
  return s.relationOf(n).render();
}

export function compiledPath(s: DbtSession, n: DbtNode, dir: 'compiled' | 'run'): string {
  const file = n.testMetadata ? `${n.originalFilePath}/${n.path}` : n.originalFilePath;
  return `${s.rootProject.targetPath}/${dir}/${n.packageName}/${file}`;
}

function nodeJson(s: DbtSession, n: DbtNode): Record<string, unknown> {
  const base: Record<string, unknown> = {
    database: n.database,
    schema: n.schema,
    name: n.name,
    resource_type: n.resourceType,
    package_name: n.packageName,
    path: n.path,
    original_file_path: n.originalFilePath,
    unique_id: n.uniqueId,
    fqn: n.fqn,
    alias: n.alias,
    checksum: { name: n.checksum ? 'sha256' : 'none', checksum: n.checksum },
    config: configJson(n),
    tags: n.config.tags,
    description: n.description,
    columns: n.columns,
    meta: n.config.meta ?? {},
    group: null,
    docs: n.config.docs ?? { show: true, node_color: null },
    patch_path: n.patchPath,
    build_path: null,
    unrendered_config: n.unrenderedConfig,
    created_at: s.runStartedAt.getTime() / 1000,
    relation_name: relationName(s, n),
    raw_code: n.rawCode,
    language: 'sql',
    refs: n.refs,
    sources: n.sources,
    metrics: [],
    depends_on: { macros: n.dependsOnMacros, nodes: n.dependsOn },
    compiled_path: n.compiledCode !== undefined ? compiledPath(s, n, 'compiled') : null,
    compiled: n.compiledCode !== undefined,
    compiled_code: n.compiledCode ?? null,
    extra_ctes_injected: n.compiledCode !== undefined,
    extra_ctes: [],
    contract: { enforced: false, alias_types: true, checksum: null },
  };
  if (n.resourceType === 'model') Object.assign(base, { access: 'protected', constraints: [], version: null, latest_version: null, deprecation_date: null });
  if (n.resourceType === 'seed') Object.assign(base, { root_path: null, depends_on: { macros: [] } });
  if (n.resourceType === 'test') Object.assign(base, { column_name: n.columnName ?? null, file_key_name: n.testMetadata ? `models.${n.attachedNode?.split('.').pop() ?? ''}` : null, attached_node: n.attachedNode ?? null, test_metadata: n.testMetadata ? { name: n.testMetadata.name, kwargs: n.testMetadata.kwargs, namespace: n.testMetadata.namespace } : undefined });
  return base;
}

function sourceJson(s: DbtSession, src: SourceTable): Record<string, unknown> {
  return {
    database: src.database,
    schema: src.schema,
    name: src.name,
    resource_type: 'source',
    package_name: src.packageName,
    path: src.originalFilePath,
    original_file_path: src.originalFilePath,
    unique_id: src.uniqueId,
    fqn: src.fqn,
    source_name: src.sourceName,
    source_description: src.sourceDescription,
    loader: src.loader,
    identifier: src.identifier,
    quoting: { database: null, schema: null, identifier: null, column: null },
    loaded_at_field: src.loadedAtField,
    freshness: src.freshness ?? { warn_after: { count: null, period: null }, error_after: { count: null, period: null }, filter: null },
    external: null,
    description: src.description,
    columns: src.columns,
    meta: src.meta,
    source_meta: {},
    tags: src.tags,
    config: src.config,
    patch_path: null,
    unrendered_config: {},
    relation_name: s.sourceRelation(src).render(),
    created_at: s.runStartedAt.getTime() / 1000,
  };
}

export function metadata(s: DbtSession, schema: 'manifest/v12' | 'run-results/v6'): Record<string, unknown> {
  return {
    dbt_schema_version: `https://schemas.getdbt.com/dbt/${schema}.json`,
    dbt_version: DBT_VERSION,
    generated_at: s.now().toISOString(),
    invocation_id: s.invocationId,
    env: {},
    ...(schema === 'manifest/v12' ? { project_name: s.rootProject.name, project_id: null, user_id: null, send_anonymous_usage_stats: false, adapter_type: 'postgres' } : {}),
  };
}

/** target/manifest.json (dbt's schema v12, without the parts this runner has no use for). */
export function manifestJson(s: DbtSession): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  for (const n of s.manifest.nodes.values()) nodes[n.uniqueId] = nodeJson(s, n);
  const sources: Record<string, unknown> = {};
  for (const src of s.manifest.sources.values()) sources[src.uniqueId] = sourceJson(s, src);
  const macros: Record<string, unknown> = {};
  for (const m of s.manifest.macros.values()) {
    macros[m.uniqueId] = {
      name: m.name,
      resource_type: 'macro',
      package_name: m.packageName,
      path: m.originalFilePath,
      original_file_path: m.originalFilePath,
      unique_id: m.uniqueId,
      macro_sql: m.native ? `{# ${m.packageName}.${m.name}: built into the playground's dbt runner (TypeScript) #}` : m.source ?? '',
      depends_on: { macros: [] },
      description: m.description,
      meta: {},
      docs: { show: true, node_color: null },
      patch_path: null,
      arguments: m.arguments,
      created_at: s.runStartedAt.getTime() / 1000,
      supported_languages: null,
    };
  }
  const disabled: Record<string, unknown[]> = {};
  for (const n of s.manifest.disabled) (disabled[n.uniqueId] ??= []).push(nodeJson(s, n));
  const { parentMap, childMap } = s.graph.maps();
  return {
    metadata: metadata(s, 'manifest/v12'),
    nodes,
    sources,
    macros,
    docs: {},
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled,
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };
}

export function runResultsJson(s: DbtSession, results: NodeResult[], elapsed: number, args: Record<string, unknown>): Record<string, unknown> {
  return { metadata: { ...metadata(s, 'run-results/v6'), invocation_started_at: s.runStartedAt.toISOString() }, results, elapsed_time: elapsed, args };
}
