import type { NodeConfig, ResourceType } from './types';
import { isRecord } from './readYaml';

/** Config keys dbt knows (so a key without `+` in dbt_project.yml is a config, not a folder). */
const CONFIG_KEYS = new Set([
  'enabled', 'tags', 'meta', 'materialized', 'incremental_strategy', 'persist_docs', 'post_hook', 'pre_hook', 'quoting',
  'column_types', 'full_refresh', 'unique_key', 'on_schema_change', 'on_configuration_change', 'grants', 'packages', 'docs',
  'contract', 'event_time', 'database', 'schema', 'alias', 'sql_header', 'unlogged', 'indexes', 'batch_size', 'lookback',
  'begin', 'concurrent_batches', 'access', 'group', 'store_failures', 'store_failures_as', 'severity', 'warn_if', 'error_if',
  'fail_calc', 'where', 'limit', 'quote_columns', 'delimiter', 'strategy', 'target_schema', 'target_database', 'unique_key',
  'check_cols', 'updated_at', 'invalidate_hard_deletes', 'snapshot_meta_column_names', 'dbt_valid_to_current', 'hard_deletes',
  'incremental_predicates', 'merge_update_columns', 'merge_exclude_columns', 'copy_grants', 'transient', 'bind', 'auto_refresh',
  'docs', 'labels', 'predicates',
]);

/** `pre-hook` → `pre_hook`, `+materialized` → `materialized`. */
export function configKey(key: string): string {
  return key.replace(/^\+/, '').replace(/-/g, '_');
}

export function isConfigKey(key: string): boolean {
  return key.startsWith('+') || CONFIG_KEYS.has(configKey(key));
}

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Merges one layer of config over another the way dbt does: tags and hooks add up, meta/grants/docs merge, the rest replaces. */
export function mergeConfig(base: Record<string, unknown>, layer: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [rawKey, value] of Object.entries(layer)) {
    const key = configKey(rawKey);
    if (key === 'tags') {
      const merged = [...asList(out.tags), ...asList(value)].map(String);
      out.tags = [...new Set(merged)];
    } else if (key === 'pre_hook' || key === 'post_hook') {
      out[key] = [...asList(out[key]), ...asList(value)];
    } else if ((key === 'meta' || key === 'grants' || key === 'docs' || key === 'persist_docs' || key === 'column_types' || key === 'quoting' || key === 'contract') && isRecord(value) && isRecord(out[key])) {
      out[key] = { ...(out[key] as Record<string, unknown>), ...value };
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * The configs dbt_project.yml gives a node: walk the resource section
 * (`models:`, `seeds:`…) along the node's fqn; each level's config keys apply,
 * deeper levels winning.
 */
export function projectConfigFor(section: unknown, fqn: string[]): Record<string, unknown> {
  let config: Record<string, unknown> = {};
  let level: unknown = section;
  for (let depth = 0; isRecord(level); depth++) {
    const layer: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(level)) if (isConfigKey(k)) layer[k] = v;
    config = mergeConfig(config, layer);
    // the last fqn part is the node's own name, and may carry configs too
    if (depth >= fqn.length) break;
    const next = Object.entries(level).find(([k]) => !k.startsWith('+') && k === fqn[depth]);
    if (!next) break;
    level = next[1];
  }
  return config;
}

/** dbt's defaults per resource type. */
export function defaultConfig(resourceType: ResourceType): NodeConfig {
  const base: NodeConfig = { enabled: true, materialized: 'view', tags: [], pre_hook: [], post_hook: [], meta: {}, persist_docs: {}, quoting: {}, column_types: {}, full_refresh: null, on_schema_change: 'ignore', grants: {}, packages: [], docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true }, database: null, schema: null, alias: null };
  if (resourceType === 'seed') return { ...base, materialized: 'seed', delimiter: ',', quote_columns: null };
  if (resourceType === 'test') return { ...base, materialized: 'test', severity: 'ERROR', store_failures: null, store_failures_as: null, where: null, limit: null, fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0', schema: 'dbt_test__audit' };
  if (resourceType === 'snapshot') return { ...base, materialized: 'snapshot' };
  return base;
}

/** Normalises a merged config into the shape the runner reads (lists for tags and hooks, upper-case severity). */
export function finishConfig(resourceType: ResourceType, merged: Record<string, unknown>): NodeConfig {
  const c = mergeConfig(defaultConfig(resourceType), {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(merged)) c[configKey(k)] = v;
  c.tags = [...new Set(asList(c.tags).map(String))];
  c.pre_hook = asList(c.pre_hook);
  c.post_hook = asList(c.post_hook);
  c.enabled = c.enabled !== false && c.enabled !== 'false';
  if (typeof c.severity === 'string') c.severity = c.severity.toUpperCase();
  if (typeof c.materialized === 'string') c.materialized = c.materialized.toLowerCase();
  return c as NodeConfig;
}
