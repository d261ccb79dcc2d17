import type { SqlDatabase } from '../../runtime/EngineServices';
import { DbtError } from '../DbtError';
import { joinPath, type DbtFs } from '../DbtFs';
import { AgateTable } from '../context/AgateTable';
import { Column } from '../context/Column';
import type { AdapterResponse, DbtRuntime, RuntimeFlags } from '../context/DbtRuntime';
import { MacroRegistry } from '../context/MacroRegistry';
import { Relation } from '../context/Relation';
import { RenderContext } from '../context/RenderContext';
import { registerDbtMacros } from '../builtins/dbtMacros';
import { registerDbtUtils } from '../builtins/dbtUtils';
import { registerGenericTests } from '../builtins/genericTests';
import { registerCodegen } from '../builtins/codegen';
import { DbtGraph, findCycle } from '../graph/DbtGraph';
import { Interpreter } from '../jinja/interpreter';
import { JinjaBudget, DEFAULT_JINJA_LIMITS, type JinjaLimits } from '../jinja/JinjaBudget';
import { fromPlain } from '../jinja/values';
import { carriedVersion, installedPackages, readPackageSpecs } from '../project/packages';
import { compilationError, describeNode, ProjectParser } from '../project/parseProject';
import { loadProjectConfig, type ProjectConfig } from '../project/ProjectConfig';
import { findProfilesFile, loadTarget, type TargetInfo } from '../project/profile';
import { basicRenderer } from '../project/renderBasic';
import { renderTestKwargs } from '../project/renderNative';
import type { DbtNode, Manifest, SourceTable } from '../project/types';
import type { DbtListener, DbtLogEvent } from './DbtLog';
import { injectCtes } from './injectCtes';
import { physicalSql } from './physicalSql';
import { sqlStatusOf } from './sqlStatus';

export interface DbtSessionOptions {
  fs: DbtFs;
  /** The project's folder in the working directory ('' for the root). */
  projectDir: string;
  /** Where dbt is run from (the working directory root: ''). */
  cwd: string;
  profilesDir: string | null;
  profile: string | null;
  target: string | null;
  env: Record<string, string>;
  cliVars: Record<string, unknown>;
  flags: RuntimeFlags;
  /** Opens the PGlite database a profile's `dbname` names. */
  database?: (name: string) => Promise<SqlDatabase>;
  listener: DbtListener;
  signal?: AbortSignal;
  now?: () => Date;
  invocationId: string;
  limits?: JinjaLimits;
}

/**
 * One dbt invocation: the project read and parsed, the target, the database
 * connection, the logger. It is what templates reach as DbtRuntime.
 */
export class DbtSession implements DbtRuntime {
  rootProject!: ProjectConfig;
  readonly projects = new Map<string, ProjectConfig>();
  target!: TargetInfo;
  readonly cliVars: Map<unknown, unknown>;
  readonly manifest: Manifest = { nodes: new Map(), sources: new Map(), macros: new Map(), disabled: [] };
  macros!: MacroRegistry;
  graph!: DbtGraph;
  readonly interp = new Interpreter();
  readonly runStartedAt: Date;
  selected: string[] = [];
  readonly parseWarnings: string[] = [];
  private db: SqlDatabase | null = null;
  private readonly compiled = new Map<string, { sql: string; ctes: { id: string; sql: string }[] }>();

  constructor(readonly o: DbtSessionOptions) {
    this.cliVars = fromPlain(o.cliVars) as Map<unknown, unknown>;
    this.runStartedAt = this.now();
  }

  get env(): Record<string, string> {
    return this.o.env;
  }
  get flags(): RuntimeFlags {
    return this.o.flags;
  }
  get invocationId(): string {
    return this.o.invocationId;
  }
  get fs(): DbtFs {
    return this.o.fs;
  }

  now(): Date {
    return this.o.now ? this.o.now() : new Date();
  }

  emit(level: DbtLogEvent['level'], name: string, msg: string, nodeId?: string): void {
    this.o.listener.log({ level, name, msg, ts: this.now().toISOString(), thread: nodeId ? 'Thread-1 (worker)' : 'MainThread', nodeId });
  }

  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    this.emit(level, level === 'warn' ? 'JinjaLogWarning' : level === 'debug' ? 'JinjaLogDebug' : 'JinjaLogInfo', message);
  }

  budget(): JinjaBudget {
    return new JinjaBudget(this.o.limits ?? DEFAULT_JINJA_LIMITS, () => (this.o.signal?.aborted ? 'the run was stopped' : null));
  }

  private renderer(file: string) {
    return basicRenderer({ env: this.o.env, cliVars: this.o.cliVars, file });
  }

  /** Reads dbt_project.yml and the profile (what every command but `deps` and `clean` needs). */
  async loadConfig(withProfile = true): Promise<void> {
    this.rootProject = await loadProjectConfig(this.fs, this.o.projectDir, this.renderer(joinPath(this.o.projectDir, 'dbt_project.yml')));
    this.projects.set(this.rootProject.name, this.rootProject);
    if (!withProfile) return;
    const profileName = this.o.profile ?? this.rootProject.profile;
    if (!profileName) throw new DbtError('Runtime', `No profile was specified: set \`profile:\` in ${this.rootProject.file}`);
    const file = findProfilesFile(this.fs, { profilesDir: this.o.profilesDir, env: this.o.env, cwd: this.o.cwd, projectRoot: this.o.projectDir });
    this.target = await loadTarget(this.fs, { file, profile: profileName, target: this.o.target, render: this.renderer(file ?? 'profiles.yml') });
  }

  /** Parses the project and its installed packages into the manifest (dbt parse). */
  async parse(): Promise<void> {
    const root = this.rootProject;
    const dispatch = new Map(root.dispatch.map((d) => [d.macroNamespace, d.searchOrder]));
    this.macros = new MacroRegistry(root.name, dispatch);
    registerDbtMacros(this.macros);
    registerGenericTests(this.macros);

    const { file, specs } = readPackageSpecs(this.fs, root.root);
    const installed = installedPackages(this.fs, root.root, root.packagesInstallPath);
    const installedNames = new Set(installed.map((p) => p.name));
    const expected = specs.map((s) => (s.kind === 'hub' && carriedVersionName(s)) || null);
    const missing = expected.filter((n) => n !== null && !installedNames.has(n));
    if (specs.length && (installed.length < specs.length || missing.length)) {
      throw new DbtError('Runtime', `dbt found ${specs.length} package(s) specified in ${file?.split('/').pop() ?? 'packages.yml'}, but only ${installed.length} package(s) installed in ${root.packagesInstallPath}. Run "dbt deps" to install package dependencies.`);
    }
    const packageProjects: ProjectConfig[] = [];
    for (const p of installed) {
      if (p.carried) {
        if (p.name === 'dbt_utils') registerDbtUtils(this.macros);
        else if (p.name === 'codegen') registerCodegen(this.macros);
        this.projects.set(p.name, { ...emptyProject(p.name, p.dir) });
        continue;
      }
      const cfg = await loadProjectConfig(this.fs, p.dir, this.renderer(joinPath(p.dir, 'dbt_project.yml')));
      this.projects.set(cfg.name, cfg);
      packageProjects.push(cfg);
    }

    const parser = new ProjectParser(this, this.fs);
    for (const p of [...packageProjects, root]) parser.parseMacros(p);
    for (const p of [...packageProjects, root]) parser.readProperties(p);
    const nodes: DbtNode[] = [];
    for (const p of [...packageProjects, root]) nodes.push(...(await parser.parseNodes(p)));
    const sources = await parser.parseSources();
    for (const s of sources) this.manifest.sources.set(s.uniqueId, s);
    const tests = await parser.parseGenericTests(parser.testTargets(nodes));
    for (const n of [...nodes, ...tests]) {
      if (!n.config.enabled) {
        this.manifest.disabled.push(n);
        continue;
      }
      this.manifest.nodes.set(n.uniqueId, n);
    }
    for (const n of this.manifest.nodes.values()) await parser.resolveNames(n);
    for (const n of this.manifest.nodes.values()) {
      const deps = new Set<string>();
      for (const r of n.refs) deps.add(this.resolveRef(r.name, r.package, r.version, n, true).uniqueId);
      for (const [s, t] of n.sources) deps.add(this.resolveSource(s, t, n).uniqueId);
      n.dependsOn = [...deps];
    }
    // tests on a disabled node are disabled with it
    for (const [id, n] of [...this.manifest.nodes]) {
      if (n.resourceType === 'test' && n.attachedNode && !this.manifest.nodes.has(n.attachedNode)) {
        this.manifest.nodes.delete(id);
        this.manifest.disabled.push(n);
      }
    }
    for (const def of this.macros.defs.values()) this.manifest.macros.set(def.uniqueId, def);
    this.graph = new DbtGraph(this.manifest);
    const cycle = findCycle(this.graph);
    if (cycle) throw new DbtError('Runtime', `Found a cycle: ${cycle.join(' --> ')}`);
    this.parseWarnings.push(...parser.warnings);
  }

  // ---- DbtRuntime ----

  relationOf(node: DbtNode): Relation {
    if (node.resourceType === 'model' && node.config.materialized === 'ephemeral') {
      return new Relation({ database: null, schema: null, identifier: `__dbt__cte__${node.alias}` }, 'cte');
    }
    const m = node.config.materialized;
    const type = m === 'view' ? 'view' : m === 'materialized_view' ? 'materialized_view' : node.resourceType === 'test' ? null : 'table';
    return new Relation({ database: node.database, schema: node.schema, identifier: node.alias }, type);
  }

  sourceRelation(s: SourceTable): Relation {
    return new Relation({ database: s.database, schema: s.schema, identifier: s.identifier });
  }

  resolveRef(name: string, pkg: string | null, version: string | null, from: DbtNode | null, parsing = false): DbtNode {
    void version;
    const refable = (n: DbtNode) => n.name === name && (n.resourceType === 'model' || n.resourceType === 'seed' || n.resourceType === 'snapshot');
    const all = [...this.manifest.nodes.values()].filter(refable);
    let found: DbtNode | undefined;
    if (pkg) found = all.find((n) => n.packageName === pkg);
    else found = all.find((n) => n.packageName === (from?.packageName ?? this.rootProject.name)) ?? all.find((n) => n.packageName === this.rootProject.name) ?? (all.length === 1 ? all[0] : undefined);
    if (found) return found;
    const disabled = this.manifest.disabled.find((n) => refable(n) && (!pkg || n.packageName === pkg));
    const who = from ? `${from.resourceType[0].toUpperCase()}${from.resourceType.slice(1)} '${from.uniqueId}' (${from.originalFilePath})` : 'A node';
    const target = pkg ? `'${pkg}.${name}'` : `'${name}'`;
    const detail = disabled ? `${who} depends on a node named ${target} which is disabled` : `${who} depends on a node named ${target} which was not found`;
    throw parsing ? new DbtError('Compilation', detail) : new DbtError('Compilation', detail, from ? describeNode(from) : undefined);
  }

  resolveSource(sourceName: string, tableName: string, from: DbtNode | null): SourceTable {
    const found = [...this.manifest.sources.values()].find((s) => s.sourceName === sourceName && s.name === tableName);
    if (found) return found;
    const who = from ? `${from.resourceType[0].toUpperCase()}${from.resourceType.slice(1)} '${from.uniqueId}' (${from.originalFilePath})` : 'A node';
    throw new DbtError('Compilation', `${who} depends on a source named '${sourceName}.${tableName}' which was not found`);
  }

  private async database(): Promise<SqlDatabase> {
    if (this.db) return this.db;
    if (!this.o.database) throw new DbtError('Runtime', 'No database is available to this dbt run');
    try {
      this.db = await this.o.database(this.target.database);
    } catch (e) {
      throw new DbtError('Database', `Could not connect to the database ${this.target.database}: ${(e as Error).message}`);
    }
    return this.db;
  }

  async execute(sql: string, fetch: boolean): Promise<{ response: AdapterResponse; table: AgateTable }> {
    if (this.o.signal?.aborted) throw new DbtError('Runtime', 'The run was stopped');
    const db = await this.database();
    const physical = physicalSql(sql, this.target.database);
    let results;
    try {
      results = await db.exec(physical);
    } catch (e) {
      throw databaseError(e, sql);
    }
    const last = results[results.length - 1] ?? { rows: [], fields: [] };
    const status = sqlStatusOf(sql, rowCountOf(last));
    return { response: status, table: fetch ? AgateTable.fromRows(last.rows, last.fields) : new AgateTable([], []) };
  }

  /** Runs statements in one transaction (a model's build and swap), as dbt-postgres does between BEGIN and COMMIT. */
  async transaction<T>(work: (run: (sql: string, params?: unknown[]) => Promise<AdapterResponse>) => Promise<T>): Promise<T> {
    const db = await this.database();
    return db.transaction(async (tx) =>
      work(async (sql, params) => {
        if (this.o.signal?.aborted) throw new DbtError('Runtime', 'The run was stopped');
        try {
          const physical = physicalSql(sql, this.target.database);
          const r = params ? [await tx.query(physical, params)] : await tx.exec(physical);
          const last = r[r.length - 1] ?? { rows: [], fields: [] };
          return sqlStatusOf(sql, rowCountOf(last));
        } catch (e) {
          throw databaseError(e, sql);
        }
      }),
    );
  }

  async getRelation(database: string | null, schema: string, identifier: string): Promise<Relation | null> {
    const db = await this.database();
    const r = await db.query(`select c.relkind as kind from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = $2 and c.relkind in ('r', 'p', 'v', 'm', 'f')`, [schema, identifier]);
    if (!r.rows.length) return null;
    const kind = String(r.rows[0].kind);
    const type = kind === 'v' ? 'view' : kind === 'm' ? 'materialized_view' : kind === 'f' ? 'external' : 'table';
    return new Relation({ database: database ?? this.target.database, schema, identifier }, type);
  }

  async getColumns(relation: Relation): Promise<Column[]> {
    const db = await this.database();
    const params: unknown[] = [relation.identifier ?? ''];
    let where = 'table_name = $1';
    if (relation.schema) {
      params.push(relation.schema);
      where += ' and table_schema = $2';
    }
    const r = await db.query(`select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale from information_schema.columns where ${where} order by ordinal_position`, params);
    return r.rows.map((row) => new Column(String(row.column_name), String(row.data_type), row.character_maximum_length === null ? null : Number(row.character_maximum_length), row.numeric_precision === null ? null : Number(row.numeric_precision), row.numeric_scale === null ? null : Number(row.numeric_scale)));
  }

  async compileEphemeral(node: DbtNode): Promise<string> {
    return (await this.compile(node)).sql;
  }

  /**
   * Renders a node with execute = true and injects the CTEs of the ephemeral
   * models it refs: the SQL dbt writes to target/compiled/.
   */
  async compile(node: DbtNode): Promise<{ sql: string; ctes: { id: string; sql: string }[]; code: string }> {
    const cached = this.compiled.get(node.uniqueId);
    if (cached) return { ...cached, code: injectCtes(cached.sql, cached.ctes) };
    const ctx = new RenderContext(this, node, 'runtime', node.packageName);
    let sql: string;
    try {
      if (node.testMetadata) ctx.extra._dbt_generic_test_kwargs = await renderTestKwargs(node.testMetadata.kwargs, ctx);
      sql = await ctx.render(node.template!, node.originalFilePath);
    } catch (e) {
      throw compilationError(e, describeNode(node));
    }
    const ctes: { id: string; sql: string }[] = [];
    for (const id of node.dependsOn) {
      const dep = this.manifest.nodes.get(id);
      if (!dep || dep.resourceType !== 'model' || dep.config.materialized !== 'ephemeral') continue;
      const inner = await this.compile(dep);
      for (const c of inner.ctes) if (!ctes.some((x) => x.id === c.id)) ctes.push(c);
      if (!ctes.some((x) => x.id === dep.uniqueId)) ctes.push({ id: dep.uniqueId, sql: ` __dbt__cte__${dep.alias} as (\n${inner.sql}\n)` });
    }
    this.compiled.set(node.uniqueId, { sql, ctes });
    const code = injectCtes(sql, ctes);
    node.compiledCode = code;
    return { sql, ctes, code };
  }
}

/** Rows the statement reported: PGlite reads the command tag (`SELECT 265`, `INSERT 0 5`) into rowCount. */
function rowCountOf(r: { rows: unknown[]; affectedRows?: number }): number {
  const rowCount = (r as { rowCount?: number }).rowCount;
  return typeof rowCount === 'number' ? rowCount : (r.affectedRows ?? r.rows.length);
}

function carriedVersionName(spec: Parameters<typeof carriedVersion>[0]): string | null {
  try {
    return carriedVersion(spec).name;
  } catch {
    return spec.package.split('/').pop() ?? null;
  }
}

function emptyProject(name: string, root: string): ProjectConfig {
  return { name, version: null, profile: null, root, modelPaths: [], seedPaths: [], testPaths: [], analysisPaths: [], macroPaths: [], snapshotPaths: [], targetPath: 'target', packagesInstallPath: 'dbt_packages', vars: {}, models: {}, seeds: {}, tests: {}, snapshots: {}, sources: {}, analyses: {}, onRunStart: [], onRunEnd: [], dispatch: [], quoting: {}, requireDbtVersion: [], raw: {}, file: joinPath(root, 'dbt_project.yml') };
}

/** A Postgres error as dbt-postgres reports it (psycopg2's text: the message and the statement's line). */
export function databaseError(e: unknown, sql: string): DbtError {
  const err = (e ?? {}) as { message?: string; position?: string; detail?: string; hint?: string };
  let msg = err.message || String(e);
  if (err.detail) msg += `\nDETAIL:  ${err.detail}`;
  if (err.hint) msg += `\nHINT:  ${err.hint}`;
  return new DbtError('Database', msg + (sql ? '' : ''));
}
