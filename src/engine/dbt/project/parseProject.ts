import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { DbtError } from '../DbtError';
import { filesUnder, joinPath, readText, type DbtFs } from '../DbtFs';
import type { DbtRuntime } from '../context/DbtRuntime';
import { RenderContext } from '../context/RenderContext';
import { nodeDict } from '../context/contextMembers';
import { JinjaError } from '../jinja/JinjaError';
import { parseTemplate } from '../jinja/parser';
import { str, toPlain } from '../jinja/values';
import { finishConfig, mergeConfig, projectConfigFor } from './nodeConfig';
import type { ProjectConfig } from './ProjectConfig';
import { isRecord, readYaml } from './readYaml';
import { renderStrings } from './ProjectConfig';
import { buildGenericTests, type TestTarget } from './genericTestNodes';
import { renderNative, renderTestKwargs } from './renderNative';
import type { ColumnInfo, DbtNode, MacroDef, ResourceType, SourceTable } from './types';

const checksum = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

/** "model x (models/x.sql)", as dbt names a node in its errors. */
export function describeNode(n: { resourceType: string; name: string; originalFilePath: string }): string {
  return `${n.resourceType} ${n.name} (${n.originalFilePath})`;
}

/** A Jinja error as dbt reports it: the message, then the line of the file. */
export function compilationError(e: unknown, where: string): DbtError {
  if (e instanceof DbtError) return e;
  const msg = e instanceof JinjaError ? `${e.message}${e.line ? `\n  line ${e.line}` : ''}` : e instanceof Error ? e.message : String(e);
  return new DbtError('Compilation', msg, where);
}

export function columnsFrom(v: unknown): Record<string, ColumnInfo> {
  const out: Record<string, ColumnInfo> = {};
  if (!Array.isArray(v)) return out;
  for (const c of v) {
    if (!isRecord(c) || typeof c.name !== 'string') continue;
    out[c.name] = {
      name: c.name,
      description: typeof c.description === 'string' ? c.description.trim() : '',
      data_type: typeof c.data_type === 'string' ? c.data_type : null,
      meta: isRecord(c.meta) ? c.meta : {},
      tags: Array.isArray(c.tags) ? c.tags.map(String) : [],
      quote: typeof c.quote === 'boolean' ? c.quote : null,
    };
  }
  return out;
}

interface PropertyEntry {
  kind: 'models' | 'seeds' | 'snapshots' | 'analyses';
  entry: Record<string, unknown>;
  file: string;
  project: ProjectConfig;
}

const SECTION: Record<string, PropertyEntry['kind']> = { models: 'models', seeds: 'seeds', snapshots: 'snapshots', analyses: 'analyses' };

/**
 * Parses the project and its packages into the manifest, as `dbt parse` does:
 * macros first, then models, seeds, singular tests, analyses and snapshots,
 * each model rendered once (execute is false) to learn its ref(), source()
 * and config() calls; then the properties YAML (descriptions, configs, sources
 * and the generic tests it declares); then names, schemas and dependencies.
 */
export class ProjectParser {
  private readonly properties: PropertyEntry[] = [];
  private readonly sourceYaml: { entry: Record<string, unknown>; file: string; project: ProjectConfig }[] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly rt: DbtRuntime,
    private readonly fs: DbtFs,
  ) {}

  private abs(p: ProjectConfig, rel: string): string {
    return joinPath(p.root, rel);
  }

  private rel(p: ProjectConfig, abs: string): string {
    return p.root ? abs.slice(p.root.length + 1) : abs;
  }

  /** Files of a project under its resource folders, as [folder, path relative to the project]. */
  private resourceFiles(p: ProjectConfig, dirs: string[], ext: RegExp): [string, string][] {
    const out: [string, string][] = [];
    for (const dir of dirs) {
      for (const f of filesUnder(this.fs, this.abs(p, dir))) {
        const rel = this.rel(p, f);
        if (ext.test(rel)) out.push([dir, rel]);
      }
    }
    return out;
  }

  parseMacros(p: ProjectConfig): void {
    const files = [...this.resourceFiles(p, p.macroPaths, /\.sql$/i), ...this.resourceFiles(p, p.testPaths.map((t) => `${t}/generic`), /\.sql$/i)];
    for (const [, rel] of files) {
      const text = readText(this.fs, this.abs(p, rel)) ?? '';
      let template;
      try {
        template = parseTemplate(text);
      } catch (e) {
        throw compilationError(e, `macro file ${rel}`);
      }
      for (const m of template.macros) {
        const id = `macro.${p.name}.${m.name}`;
        const existing = this.rt.macros.defs.get(id);
        if (existing && !existing.native) {
          throw new DbtError('Compilation', `dbt found two macros named "${m.name}" in the project "${p.name}".\n   To fix this error, rename or remove one of the following macros:\n      - ${existing.originalFilePath}\n      - ${rel}`);
        }
        const def: MacroDef = { uniqueId: id, name: m.name, packageName: p.name, originalFilePath: rel, source: text, node: m, description: '', arguments: m.params.map((x) => ({ name: x.name, type: null, description: '' })) };
        this.rt.macros.add(def);
      }
    }
  }

  /** Reads the properties YAML files of a project (models:, seeds:, sources:, macros:…). */
  readProperties(p: ProjectConfig): void {
    const dirs = [...new Set([...p.modelPaths, ...p.seedPaths, ...p.snapshotPaths, ...p.analysisPaths, ...p.macroPaths, ...p.testPaths])];
    for (const [, rel] of this.resourceFiles(p, dirs, /\.ya?ml$/i)) {
      const doc = readYaml(readText(this.fs, this.abs(p, rel)) ?? '', rel);
      if (doc === null) continue;
      if (!isRecord(doc)) throw new DbtError('Parsing', `Error reading ${p.name}: ${rel} - the file must be a mapping (version: 2, models: …)`);
      for (const [key, kind] of Object.entries(SECTION)) {
        const list = doc[key];
        if (list === undefined || list === null) continue;
        if (!Array.isArray(list)) throw new DbtError('Parsing', `Error reading ${p.name}: ${rel} - '${key}' must be a list`);
        for (const entry of list) {
          if (!isRecord(entry) || typeof entry.name !== 'string') throw new DbtError('Parsing', `Error reading ${p.name}: ${rel} - each entry of '${key}' needs a name`);
          this.properties.push({ kind, entry, file: rel, project: p });
        }
      }
      if (Array.isArray(doc.sources)) {
        for (const entry of doc.sources) {
          if (!isRecord(entry) || typeof entry.name !== 'string') throw new DbtError('Parsing', `Error reading ${p.name}: ${rel} - each source needs a name`);
          this.sourceYaml.push({ entry, file: rel, project: p });
        }
      }
      if (Array.isArray(doc.macros)) {
        for (const m of doc.macros) {
          if (!isRecord(m) || typeof m.name !== 'string') continue;
          const def = this.rt.macros.defs.get(`macro.${p.name}.${m.name}`);
          if (def) {
            def.description = typeof m.description === 'string' ? m.description.trim() : '';
            if (Array.isArray(m.arguments)) def.arguments = m.arguments.filter(isRecord).map((a) => ({ name: String(a.name), type: a.type === undefined ? null : String(a.type), description: typeof a.description === 'string' ? a.description.trim() : '' }));
          }
        }
      }
      if (doc.unit_tests !== undefined) this.warnings.push(`${rel}: unit_tests are not run by this dbt runner; they were skipped`);
    }
  }

  private newNode(p: ProjectConfig, resourceType: ResourceType, name: string, folder: string, rel: string, rawCode: string): DbtNode {
    const inFolder = rel.slice(folder.length + 1);
    const dirs = inFolder.split('/').slice(0, -1);
    return {
      uniqueId: `${resourceType}.${p.name}.${name}`,
      resourceType,
      name,
      packageName: p.name,
      path: inFolder,
      originalFilePath: rel,
      projectRoot: p.root,
      fqn: [p.name, ...dirs, name],
      rawCode,
      template: null,
      config: finishConfig(resourceType, {}),
      unrenderedConfig: {},
      description: '',
      columns: {},
      refs: [],
      sources: [],
      dependsOnMacros: [],
      dependsOn: [],
      database: this.rt.target.database,
      schema: this.rt.target.schema,
      alias: name,
      checksum: checksum(rawCode),
      patchPath: null,
    };
  }

  /** dbt_project.yml configs for a node: its own package's, then the root project's (which win). */
  private projectConfig(p: ProjectConfig, section: 'models' | 'seeds' | 'tests' | 'snapshots' | 'analyses', fqn: string[]): Record<string, unknown> {
    const root = this.rt.rootProject;
    const own = p.name === root.name ? {} : projectConfigFor(p[section], fqn);
    return mergeConfig(own, projectConfigFor(root[section], fqn));
  }

  private patchFor(kind: PropertyEntry['kind'], node: DbtNode): PropertyEntry | undefined {
    return this.properties.find((e) => e.kind === kind && e.entry.name === node.name && e.project.name === node.packageName);
  }

  private applyPatch(node: DbtNode, patch: PropertyEntry | undefined): Record<string, unknown> {
    if (!patch) return {};
    const e = patch.entry;
    node.description = typeof e.description === 'string' ? e.description.trim() : '';
    node.columns = columnsFrom(e.columns);
    node.patchPath = `${patch.project.name}://${patch.file}`;
    let config: Record<string, unknown> = {};
    if (isRecord(e.config)) config = mergeConfig(config, e.config);
    for (const k of ['tags', 'meta', 'docs', 'access', 'group'] as const) if (e[k] !== undefined) config = mergeConfig(config, { [k]: e[k] });
    return config;
  }

  async parseNodes(p: ProjectConfig): Promise<DbtNode[]> {
    const nodes: DbtNode[] = [];
    const seen = new Map<string, string>();
    const add = (n: DbtNode) => {
      const key = `${n.resourceType}.${n.name}`;
      if (seen.has(key)) {
        throw new DbtError('Compilation', `dbt found two ${n.resourceType}s with the name "${n.name}".\n\nSince these resources have the same name, dbt will be unable to find the correct resource when looking for ref("${n.name}").\n\nTo fix this, change the name of one of these resources:\n- ${seen.get(key)}\n- ${n.originalFilePath}`);
      }
      seen.set(key, n.originalFilePath);
      nodes.push(n);
    };

    for (const [folder, rel] of this.resourceFiles(p, p.modelPaths, /\.(sql|py)$/i)) {
      if (/\.py$/i.test(rel)) throw new DbtError('Compilation', `Python models are not supported by this dbt runner (it runs SQL on PostgreSQL): ${rel}`);
      const name = rel.split('/').pop()!.replace(/\.sql$/i, '');
      add(this.newNode(p, 'model', name, folder, rel, readText(this.fs, this.abs(p, rel)) ?? ''));
    }
    for (const [folder, rel] of this.resourceFiles(p, p.seedPaths, /\.csv$/i)) {
      const name = rel.split('/').pop()!.replace(/\.csv$/i, '');
      const csv = readText(this.fs, this.abs(p, rel)) ?? '';
      const n = this.newNode(p, 'seed', name, folder, rel, '');
      n.seedCsv = csv;
      n.checksum = checksum(csv);
      add(n);
    }
    for (const [folder, rel] of this.resourceFiles(p, p.testPaths, /\.sql$/i)) {
      if (p.testPaths.some((t) => rel.startsWith(`${t}/generic/`))) continue;
      const name = rel.split('/').pop()!.replace(/\.sql$/i, '');
      add(this.newNode(p, 'test', name, folder, rel, readText(this.fs, this.abs(p, rel)) ?? ''));
    }
    for (const [folder, rel] of this.resourceFiles(p, p.analysisPaths, /\.sql$/i)) {
      const name = rel.split('/').pop()!.replace(/\.sql$/i, '');
      const n = this.newNode(p, 'analysis', name, folder, rel, readText(this.fs, this.abs(p, rel)) ?? '');
      n.uniqueId = `analysis.${p.name}.${name}`;
      add(n);
    }
    for (const [folder, rel] of this.resourceFiles(p, p.snapshotPaths, /\.sql$/i)) {
      const text = readText(this.fs, this.abs(p, rel)) ?? '';
      const re = /\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) add(this.newNode(p, 'snapshot', m[1], folder, rel, text));
    }

    const sectionOf: Record<string, 'models' | 'seeds' | 'tests' | 'snapshots' | 'analyses'> = { model: 'models', seed: 'seeds', test: 'tests', snapshot: 'snapshots', analysis: 'analyses' };
    const kindOf: Record<string, PropertyEntry['kind'] | null> = { model: 'models', seed: 'seeds', snapshot: 'snapshots', analysis: 'analyses', test: null };
    for (const n of nodes) {
      const project = this.projectConfig(p, sectionOf[n.resourceType], n.fqn);
      const kind = kindOf[n.resourceType];
      const patchConfig = kind ? this.applyPatch(n, this.patchFor(kind, n)) : {};
      n.unrenderedConfig = patchConfig;
      n.config = finishConfig(n.resourceType, (await renderStrings(mergeConfig(project, patchConfig), (s) => this.renderConfigString(s, n))) as Record<string, unknown>);
      if (n.resourceType === 'snapshot' || n.resourceType === 'seed') continue;
      await this.renderForParse(n);
    }
    return nodes;
  }

  private async renderConfigString(s: string, node: DbtNode | null): Promise<string> {
    const ctx = new RenderContext(this.rt, node, 'parse', node?.packageName ?? this.rt.rootProject.name);
    try {
      return await ctx.render(s);
    } catch (e) {
      throw compilationError(e, node ? describeNode(node) : 'dbt_project.yml');
    }
  }

  /** Renders a node with execute = false: its ref(), source() and config() calls are recorded. */
  async renderForParse(n: DbtNode): Promise<void> {
    try {
      n.template = parseTemplate(n.rawCode);
    } catch (e) {
      throw compilationError(e, describeNode(n));
    }
    const ctx = new RenderContext(this.rt, n, 'parse', n.packageName);
    try {
      if (n.testMetadata) ctx.extra._dbt_generic_test_kwargs = await renderTestKwargs(n.testMetadata.kwargs, ctx);
      await ctx.render(n.template, n.originalFilePath);
    } catch (e) {
      throw compilationError(e, describeNode(n));
    }
    n.refs = ctx.capture.refs;
    n.sources = ctx.capture.sources;
    n.dependsOnMacros = [...ctx.capture.macros].sort();
    if (Object.keys(ctx.capture.config).length) {
      n.unrenderedConfig = mergeConfig(n.unrenderedConfig, ctx.capture.config);
      n.config = finishConfig(n.resourceType, mergeConfig(n.config as Record<string, unknown>, ctx.capture.config));
    }
  }

  async parseSources(): Promise<SourceTable[]> {
    const out: SourceTable[] = [];
    for (const { entry, file, project } of this.sourceYaml) {
      const render = (v: unknown) => (typeof v === 'string' ? this.renderConfigString(v, null) : Promise.resolve(v === undefined || v === null ? null : String(v)));
      const sourceName = entry.name as string;
      const database = (await render(entry.database)) ?? this.rt.target.database;
      const schema = (await render(entry.schema)) ?? sourceName;
      const folder = [...project.modelPaths].find((m) => file.startsWith(m + '/')) ?? file.split('/')[0];
      const dirs = file.slice(folder.length + 1).split('/').slice(0, -1);
      if (!Array.isArray(entry.tables)) continue;
      for (const t of entry.tables) {
        if (!isRecord(t) || typeof t.name !== 'string') throw new DbtError('Parsing', `Error reading ${project.name}: ${file} - each table of source '${sourceName}' needs a name`);
        const enabled = !(isRecord(entry.config) && entry.config.enabled === false) && !(isRecord(t.config) && t.config.enabled === false);
        if (!enabled) continue;
        const identifier = (await render(t.identifier)) ?? t.name;
        out.push({
          uniqueId: `source.${project.name}.${sourceName}.${t.name}`,
          sourceName,
          name: t.name,
          identifier,
          database,
          schema,
          packageName: project.name,
          originalFilePath: file,
          fqn: [project.name, ...dirs, sourceName, t.name],
          description: typeof t.description === 'string' ? t.description.trim() : '',
          sourceDescription: typeof entry.description === 'string' ? entry.description.trim() : '',
          loader: typeof entry.loader === 'string' ? entry.loader : '',
          columns: columnsFrom(t.columns),
          tags: [...new Set([...(Array.isArray(entry.tags) ? entry.tags.map(String) : []), ...(Array.isArray(t.tags) ? t.tags.map(String) : [])])],
          meta: { ...(isRecord(entry.meta) ? entry.meta : {}), ...(isRecord(t.meta) ? t.meta : {}) },
          config: { enabled: true },
          freshness: t.freshness ?? entry.freshness ?? null,
          loadedAtField: typeof t.loaded_at_field === 'string' ? t.loaded_at_field : typeof entry.loaded_at_field === 'string' ? entry.loaded_at_field : null,
        });
      }
    }
    return out;
  }

  /** Test targets the properties declare (models, seeds, snapshots and source tables with column or table tests). */
  testTargets(nodes: DbtNode[]): TestTarget[] {
    const out: TestTarget[] = [];
    for (const e of this.properties) {
      if (e.kind === 'analyses') continue;
      const rt = e.kind === 'models' ? 'model' : e.kind === 'seeds' ? 'seed' : 'snapshot';
      const node = nodes.find((n) => n.resourceType === rt && n.name === e.entry.name && n.packageName === e.project.name);
      if (!node) {
        this.warnings.push(`Did not find matching node for patch with name '${e.entry.name}' in the '${e.kind}' section of file '${e.file}'`);
        continue;
      }
      out.push({ kind: 'node', node, entry: e.entry, file: e.file, project: e.project });
    }
    for (const s of this.sourceYaml) {
      for (const t of Array.isArray(s.entry.tables) ? s.entry.tables : []) {
        if (isRecord(t) && typeof t.name === 'string') out.push({ kind: 'source', sourceName: s.entry.name as string, table: t, entry: s.entry, file: s.file, project: s.project });
      }
    }
    return out;
  }

  /** Builds the generic test nodes and renders each once (their refs, for the graph). */
  async parseGenericTests(targets: TestTarget[]): Promise<DbtNode[]> {
    const tests = await buildGenericTests(targets, {
      rt: this.rt,
      // dbt renders test configs natively: `enabled: "{{ var('x', false) }}"` is the boolean
      renderConfig: async (v, node) => {
        const ctx = new RenderContext(this.rt, node, 'parse', node?.packageName ?? this.rt.rootProject.name);
        try {
          return toPlain(await renderNative(v, ctx));
        } catch (e) {
          throw compilationError(e, node ? describeNode(node) : 'a test configuration');
        }
      },
      projectConfig: (p, fqn) => this.projectConfig(p, 'tests', fqn),
    });
    for (const t of tests) await this.renderForParse(t.node);
    return tests.map((t) => t.node);
  }

  /** database, schema and alias from the project's (or dbt's) generate_*_name macros. */
  async resolveNames(n: DbtNode): Promise<void> {
    const ctx = new RenderContext(this.rt, n, 'parse', n.packageName);
    const dict = nodeDict(n, null);
    const call = async (macro: string, custom: unknown) => str(await ctx.callMacro(macro, [custom === undefined ? null : custom, dict])).trim();
    try {
      n.database = await call('generate_database_name', n.config.database ?? null);
      n.schema = await call('generate_schema_name', n.config.schema ?? null);
      n.alias = await call('generate_alias_name', n.config.alias ?? null);
    } catch (e) {
      throw compilationError(e, describeNode(n));
    }
    n.config.database = n.config.database ?? null;
  }
}
