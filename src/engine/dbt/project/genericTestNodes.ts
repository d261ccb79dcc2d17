import { DbtError } from '../DbtError';
import type { DbtRuntime } from '../context/DbtRuntime';
import { finishConfig, mergeConfig } from './nodeConfig';
import type { ProjectConfig } from './ProjectConfig';
import { isRecord } from './readYaml';
import { synthesizeTestNames, testHash } from './testNames';
import type { DbtNode } from './types';

/** Something the properties YAML declares tests on: a model/seed/snapshot, or a source table. */
export type TestTarget =
  | { kind: 'node'; node: DbtNode; entry: Record<string, unknown>; file: string; project: ProjectConfig }
  | { kind: 'source'; sourceName: string; table: Record<string, unknown>; entry: Record<string, unknown>; file: string; project: ProjectConfig };

/** Test arguments that are configs, not macro arguments (dbt's TestBuilder.CONFIG_ARGS). */
const CONFIG_ARGS = ['severity', 'tags', 'enabled', 'where', 'limit', 'warn_if', 'error_if', 'fail_calc', 'store_failures', 'store_failures_as', 'meta', 'database', 'schema', 'alias'];

const TEST_NAME = /^(?:([A-Za-z_][0-9A-Za-z_]*)\.)?([A-Za-z_][0-9A-Za-z_]*)$/;

interface Helpers {
  rt: DbtRuntime;
  renderConfig: (v: unknown, node: DbtNode | null) => Promise<unknown>;
  projectConfig: (p: ProjectConfig, fqn: string[]) => Record<string, unknown>;
}

export interface BuiltTest {
  node: DbtNode;
  /** The macro's keyword arguments, unrendered (rendered natively for each render). */
  kwargsForParse: unknown;
}

function testsOf(v: Record<string, unknown>): unknown[] {
  const list = v.data_tests ?? v.tests;
  return Array.isArray(list) ? list : [];
}

/** Builds the test nodes of dbt's generic tests, with dbt's names, hashes, configs and arguments. */
export async function buildGenericTests(targets: TestTarget[], h: Helpers): Promise<BuiltTest[]> {
  const out: BuiltTest[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    const where = t.kind === 'node' ? t.node : null;
    const targetName = t.kind === 'node' ? t.node.name : `${t.sourceName}_${t.table.name as string}`;
    const modelArg = t.kind === 'node' ? `{{ get_where_subquery(ref('${t.node.name}')) }}` : `{{ get_where_subquery(source('${t.sourceName}', '${t.table.name as string}')) }}`;
    const holder = t.kind === 'node' ? t.entry : t.table;
    const definitions: { test: unknown; column: string | null; columnTags: string[] }[] = [];
    for (const test of testsOf(holder)) definitions.push({ test, column: null, columnTags: [] });
    for (const col of Array.isArray(holder.columns) ? holder.columns : []) {
      if (!isRecord(col) || typeof col.name !== 'string') continue;
      const name = col.quote === true ? `"${col.name}"` : col.name;
      for (const test of testsOf(col)) definitions.push({ test, column: name, columnTags: Array.isArray(col.tags) ? col.tags.map(String) : [] });
    }
    for (const def of definitions) {
      let testName: string;
      let args: Record<string, unknown>;
      if (typeof def.test === 'string') {
        testName = def.test;
        args = {};
      } else if (isRecord(def.test)) {
        if ('test_name' in def.test) {
          testName = String(def.test.test_name);
          args = { ...def.test };
          delete args.test_name;
        } else {
          const entries = Object.entries(def.test);
          if (entries.length !== 1) throw new DbtError('Compilation', `test definition dictionary must have exactly one key, got ${JSON.stringify(entries.map(([k]) => k))} in ${t.file}`);
          testName = entries[0][0];
          const a = entries[0][1];
          if (a !== null && !isRecord(a)) throw new DbtError('Compilation', `test arguments must be a dictionary, got ${JSON.stringify(a)} in ${t.file}`);
          args = structuredClone((a ?? {}) as Record<string, unknown>);
        }
      } else {
        throw new DbtError('Compilation', `test must be a string or a dictionary, got ${JSON.stringify(def.test)} in ${t.file}`);
      }
      const m = TEST_NAME.exec(testName);
      if (!m) throw new DbtError('Compilation', `Test name string did not match expected pattern: ${testName}`);
      const [, namespace = null, name] = m;
      if (def.column !== null) args.column_name = def.column;
      if ('model' in args) throw new DbtError('Compilation', `Test arguments include "model", which is a reserved argument (in ${t.file})`);

      // configs: legacy top-level keys, then `config:`
      let config: Record<string, unknown> = {};
      const nested = isRecord(args.config) ? (args.config as Record<string, unknown>) : {};
      for (const key of CONFIG_ARGS) {
        const value = args[key] ?? nested[key];
        delete args[key];
        delete nested[key];
        if (value !== undefined && value !== null) config[key] = value;
      }
      delete args.config;
      config = mergeConfig(config, nested);
      config = (await h.renderConfig(config, where)) as Record<string, unknown>;
      let description = '';
      if (typeof args.description === 'string') description = args.description;
      delete args.description;
      args.model = modelArg;

      let shortName: string;
      let fullName: string;
      if (typeof args.name === 'string') {
        shortName = fullName = args.name;
        delete args.name;
      } else {
        const type = `${namespace ? `${namespace}_` : ''}${t.kind === 'source' ? 'source_' : ''}${name}`;
        ({ shortName, fullName } = synthesizeTestNames(type, targetName, args));
        if (shortName !== fullName && config.alias === undefined) config.alias = shortName;
      }

      const p = t.project;
      const folder = [...p.modelPaths, ...p.seedPaths, ...p.snapshotPaths].find((f) => t.file.startsWith(f + '/')) ?? t.file.split('/')[0];
      const dirs = t.file.slice(folder.length + 1).split('/').slice(0, -1);
      const fqn = [p.name, ...dirs, fullName];
      const metadata = { namespace, name, kwargs: args };
      const uniqueId = `test.${p.name}.${fullName}.${testHash(fullName, metadata)}`;
      if (seen.has(uniqueId)) continue;
      seen.add(uniqueId);
      const macro = `${namespace ? `${namespace}.` : ''}test_${name}`;
      const tags = [...new Set([...def.columnTags, ...(Array.isArray(config.tags) ? config.tags.map(String) : typeof config.tags === 'string' ? [config.tags] : [])])].sort();
      const merged = mergeConfig(h.projectConfig(p, fqn), { ...config, tags });
      const node: DbtNode = {
        uniqueId,
        resourceType: 'test',
        name: fullName,
        packageName: p.name,
        path: `${shortName}.sql`,
        originalFilePath: t.file,
        projectRoot: p.root,
        fqn,
        rawCode: `{{ ${macro}(**_dbt_generic_test_kwargs) }}`,
        template: null,
        config: finishConfig('test', merged),
        unrenderedConfig: config,
        description,
        columns: {},
        refs: [],
        sources: [],
        dependsOnMacros: [],
        dependsOn: [],
        database: h.rt.target.database,
        schema: h.rt.target.schema,
        alias: shortName,
        checksum: '',
        patchPath: null,
        testMetadata: metadata,
        columnName: def.column,
        attachedNode: t.kind === 'node' ? t.node.uniqueId : null,
      };
      if (t.kind === 'node' && !t.node.config.enabled) node.config.enabled = false;
      out.push({ node, kwargsForParse: args });
    }
  }
  return out;
}
