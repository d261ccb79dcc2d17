import { stringify as yamlStringify } from 'yaml';
import type { SqlDatabase } from '../../runtime/EngineServices';
import { DbtError } from '../DbtError';
import { filesUnder, joinPath, writeText, type DbtFs } from '../DbtFs';
import { DBT_VERSION } from '../context/contextMembers';
import { RenderContext } from '../context/RenderContext';
import { JinjaLimitError } from '../jinja/JinjaError';
import type { JinjaLimits } from '../jinja/JinjaBudget';
import { fromPlain } from '../jinja/values';
import { CARRIED_PACKAGES, installCarried, installLocal, readPackageSpecs } from '../project/packages';
import { compilationError } from '../project/parseProject';
import { basicRenderer } from '../project/renderBasic';
import { manifestJson } from './artifacts';
import type { DbtListener } from './DbtLog';
import { DbtSession } from './DbtSession';
import { parseDbtArgs, type DbtArgs } from './parseDbtArgs';
import { runNodes, selectFor, foundLine, SNAPSHOTS_REFUSED } from './runNodes';

export const POSTGRES_ADAPTER_VERSION = '1.9.0';

export interface DbtInvocation {
  /** The working directory (namespace files, inputFiles, profiles.yml). */
  fs: DbtFs;
  /** The task's `projectDir` (the `--project-dir` default), relative to the working directory. */
  projectDir?: string | null;
  env: Record<string, string>;
  database?: (name: string) => Promise<SqlDatabase>;
  listener: DbtListener;
  signal?: AbortSignal;
  now?: () => Date;
  invocationId: string;
  limits?: JinjaLimits;
  /** How dbt debug describes the host the profile names (`host.docker.internal` → the playground's database). */
  hostNote?: (host: string, database: string) => string;
}

export interface DbtOutcome {
  exitCode: number;
  /** The project folder the command ran in (where target/ is). */
  projectDir: string;
}

/** Runs one dbt command line (already split into words, `dbt` first) against the working directory. */
export async function runDbtCommand(words: string[], inv: DbtInvocation): Promise<DbtOutcome> {
  let args: DbtArgs;
  const emit = (level: 'debug' | 'info' | 'warn' | 'error', name: string, msg: string) => inv.listener.log({ level, name, msg, ts: (inv.now ? inv.now() : new Date()).toISOString(), thread: 'MainThread' });
  try {
    args = parseDbtArgs(words);
  } catch (e) {
    emit('error', 'MainEncounteredError', `Encountered an error:\n${(e as Error).message}`);
    return { exitCode: 2, projectDir: inv.projectDir ?? '' };
  }
  const projectDir = joinPath(args.projectDir ?? inv.projectDir ?? '');
  if (args.version) {
    emit('info', 'MainReportVersion', `Core:\n  - installed: ${DBT_VERSION}\n\nPlugins:\n  - postgres: ${POSTGRES_ADAPTER_VERSION} (this playground's TypeScript runner on PGlite)`);
    return { exitCode: 0, projectDir };
  }
  emit('info', 'MainReportVersion', `Running with dbt=${DBT_VERSION}`);
  if (args.ignored.length) emit('debug', 'MainReportArgs', `accepted without effect here: ${args.ignored.join(', ')}`);
  const session = new DbtSession({
    fs: inv.fs,
    projectDir,
    cwd: '',
    profilesDir: args.profilesDir,
    profile: args.profile,
    target: args.target,
    env: inv.env,
    cliVars: args.vars,
    flags: { which: args.command, fullRefresh: args.fullRefresh, storeFailures: args.storeFailures, warnError: args.warnError, empty: args.empty },
    database: inv.database,
    listener: inv.listener,
    signal: inv.signal,
    now: inv.now,
    invocationId: inv.invocationId,
    limits: inv.limits,
  });
  try {
    switch (args.command) {
      case 'deps':
        return { exitCode: await deps(session), projectDir };
      case 'clean':
        return { exitCode: await clean(session), projectDir };
      case 'debug':
        return { exitCode: await debug(session, inv), projectDir };
      case 'snapshot':
        throw new DbtError('Runtime', SNAPSHOTS_REFUSED);
      case 'source':
        throw new DbtError('Runtime', `dbt source ${args.subcommand ?? ''} is not supported by this dbt runner: source freshness needs loaded_at timestamps and real dbt's freshness checks`.trim());
      case 'docs':
        throw new DbtError('Runtime', 'dbt docs is not supported by this dbt runner: the playground shows the lineage itself (the DAG of the project)');
      case 'init':
      case 'retry':
      case 'clone':
      case 'freshness':
        throw new DbtError('Runtime', `dbt ${args.command} is not supported by this dbt runner`);
    }
    await session.loadConfig();
    emit('info', 'AdapterRegistered', `Registered adapter: postgres=${POSTGRES_ADAPTER_VERSION}`);
    await session.parse();
    for (const w of session.parseWarnings) emit('warn', 'NoNodeForYamlKey', w);
    emit('info', 'FoundStats', foundLine(session));
    switch (args.command) {
      case 'parse':
        writeText(inv.fs, joinPath(projectDir, session.rootProject.targetPath, 'manifest.json'), JSON.stringify(manifestJson(session)));
        return { exitCode: 0, projectDir };
      case 'ls':
        return { exitCode: list(session, args), projectDir };
      case 'run-operation':
        return { exitCode: await runOperation(session, args), projectDir };
      case 'show':
        return { exitCode: await show(session, args), projectDir };
      case 'compile': {
        const r = await runNodes(session, args, 'compile');
        // dbt's CompileTask prints the nodes whose name is in the first --select argument
        const first = args.select[0];
        for (const res of first ? r.results : []) {
          const node = session.manifest.nodes.get(res.unique_id);
          if (node && first.includes(node.name) && res.compiled_code !== null) emit('info', 'CompiledNode', `Compiled node '${node.name}' is:\n${res.compiled_code}`);
        }
        for (const e of r.results.filter((x) => x.status === 'error')) emit('error', 'RunResultError', e.message ?? '');
        return { exitCode: r.exitCode, projectDir };
      }
      default:
        return { exitCode: (await runNodes(session, args, args.command as 'run' | 'seed' | 'test' | 'build')).exitCode, projectDir };
    }
  } catch (e) {
    const msg = e instanceof DbtError ? e.message : e instanceof JinjaLimitError ? compilationError(e, 'this project').message : (e as Error).message || String(e);
    emit('error', 'MainEncounteredError', `Encountered an error:\n${msg}`);
    return { exitCode: 2, projectDir };
  }
}

async function deps(s: DbtSession): Promise<number> {
  await s.loadConfig(false);
  const root = s.rootProject;
  const { file, specs } = readPackageSpecs(s.fs, root.root);
  if (!specs.length) {
    s.emit('warn', 'DepsNoPackagesFound', 'Warning: No packages were found in packages.yml');
    return 0;
  }
  const render = basicRenderer({ env: s.env, cliVars: s.o.cliVars, file: file ?? 'packages.yml' });
  const lock: Record<string, unknown>[] = [];
  for (const spec of specs) {
    if (spec.kind === 'hub') {
      s.emit('info', 'DepsStartPackageInstall', `Installing ${spec.package}`);
      const { version } = installCarried(s.fs, root.root, root.packagesInstallPath, spec);
      s.emit('info', 'DepsInstallInfo', `Installed from version ${version}`);
      s.emit('info', 'DepsCarried', `(carried by this runner: ${CARRIED_PACKAGES[spec.package].what} are built in, written for PostgreSQL)`);
      lock.push({ package: spec.package, version });
    } else if (spec.kind === 'local') {
      s.emit('info', 'DepsStartPackageInstall', `Installing ${spec.local}`);
      const { name } = await installLocal(s.fs, root.root, root.packagesInstallPath, spec, render);
      s.emit('info', 'DepsCreatingLocalSymlink', 'Creating symlink to local dependency.');
      lock.push({ local: spec.local, name });
    } else {
      const what = spec.kind === 'git' ? `the git package ${spec.git}` : spec.kind === 'tarball' ? `the tarball package ${spec.tarball}` : `the private package ${spec.private}`;
      throw new DbtError('Dependency', `Cannot install ${what}: this runner has no network access to clone or download packages. It carries ${Object.keys(CARRIED_PACKAGES).join(' and ')}, and installs local: packages from the project's files.`);
    }
  }
  writeText(s.fs, joinPath(root.root, 'package-lock.yml'), yamlStringify({ packages: lock }));
  return 0;
}

async function clean(s: DbtSession): Promise<number> {
  await s.loadConfig(false);
  const raw = s.rootProject.raw['clean-targets'];
  const targets = Array.isArray(raw) ? raw.map(String) : [s.rootProject.targetPath];
  for (const t of targets) {
    const dir = joinPath(s.rootProject.root, t);
    s.emit('info', 'CheckCleanPath', `Checking ${t}/*`);
    if (filesUnder(s.fs, dir).length) s.fs.remove(dir, true);
    s.emit('info', 'ConfirmCleanPath', `Cleaned ${t}/*`);
  }
  s.emit('info', 'FinishedCleanPaths', 'Finished cleaning all paths.');
  return 0;
}

async function debug(s: DbtSession, inv: DbtInvocation): Promise<number> {
  const out = (msg: string) => s.emit('info', 'DebugCmdOut', msg);
  const fail = (msg: string) => s.emit('error', 'DebugCmdResult', msg);
  out(`dbt version: ${DBT_VERSION}`);
  out('python version: (none: this dbt runner is TypeScript, in the playground)');
  out('os info: the playground (browser or Node)');
  let ok = true;
  let projectOk = false;
  try {
    await s.loadConfig(false);
    projectOk = true;
  } catch (e) {
    ok = false;
    fail(`  dbt_project.yml file [ERROR invalid]\n${(e as Error).message}`);
  }
  let target;
  try {
    if (projectOk) {
      await s.loadConfig(true);
      target = s.target;
      out(`Using profiles.yml file at ${target.file}`);
    }
  } catch (e) {
    ok = false;
    fail(`  profiles.yml file [ERROR invalid]\n${(e as Error).message}`);
  }
  if (projectOk) out(`Using dbt_project.yml file at ${s.rootProject.file}`);
  out('adapter type: postgres');
  out(`adapter version: ${POSTGRES_ADAPTER_VERSION}`);
  out('Configuration:');
  out(`  profiles.yml file [${target ? 'OK found and valid' : 'ERROR invalid'}]`);
  out(`  dbt_project.yml file [${projectOk ? 'OK found and valid' : 'ERROR invalid'}]`);
  out('Required dependencies:');
  out(' - git [not needed here: dbt deps installs the packages this runner carries]');
  out('');
  if (!target) {
    fail('1 check failed:');
    return 1;
  }
  out('Connection:');
  const raw = target.raw;
  const show = (k: string, v: unknown) => out(`  ${k}: ${v === undefined || v === null ? 'None' : String(v)}`);
  show('host', target.host);
  show('port', target.port);
  show('user', target.user);
  show('database', target.database);
  show('schema', target.schema);
  show('connect_timeout', raw.connect_timeout ?? 10);
  show('role', raw.role);
  show('search_path', raw.search_path);
  show('keepalives_idle', raw.keepalives_idle ?? 0);
  show('sslmode', raw.sslmode);
  show('application_name', raw.application_name ?? 'dbt');
  show('retries', raw.retries ?? 1);
  out(inv.hostNote ? inv.hostNote(target.host, target.database) : `  (host ${target.host} is not contacted: the runner opens the playground's PostgreSQL database "${target.database}")`);
  s.emit('info', 'AdapterRegistered', `Registered adapter: postgres=${POSTGRES_ADAPTER_VERSION}`);
  try {
    await s.execute('select 1 as id', true);
    out('  Connection test: [OK connection ok]');
  } catch (e) {
    ok = false;
    fail(`  Connection test: [ERROR]\n${(e as Error).message}`);
  }
  out('');
  if (ok) out('All checks passed!');
  else fail('1 check failed:');
  return ok ? 0 : 1;
}

function list(s: DbtSession, args: DbtArgs): number {
  const all = new Set([...s.manifest.nodes.values()].map((n) => n.resourceType).concat('source'));
  const wanted = args.resourceTypes.length ? new Set(args.resourceTypes.map((t) => (t === 'data_test' ? 'test' : t))) : all;
  for (const t of args.excludeResourceTypes) wanted.delete(t === 'data_test' ? 'test' : t);
  const selected = selectFor(s, { ...args }, 'build');
  const extra = [...s.manifest.nodes.values()].filter((n) => n.resourceType === 'analysis').map((n) => n.uniqueId);
  const ids = [...selected, ...(args.select.length ? [] : extra), ...(args.select.length ? [] : [...s.manifest.sources.keys()])];
  const rows: string[] = [];
  for (const id of [...new Set(ids)].sort()) {
    const n = s.manifest.nodes.get(id);
    const src = s.manifest.sources.get(id);
    const type = n ? n.resourceType : 'source';
    if (!wanted.has(type)) continue;
    if (args.output === 'name') rows.push(n ? n.name : `${src!.sourceName}.${src!.name}`);
    else if (args.output === 'path') rows.push(n ? n.originalFilePath : src!.originalFilePath);
    else if (args.output === 'json') {
      const full: Record<string, unknown> = n ? { name: n.name, resource_type: n.resourceType, package_name: n.packageName, original_file_path: n.originalFilePath, unique_id: n.uniqueId, alias: n.alias, config: n.config, tags: n.config.tags, depends_on: { nodes: n.dependsOn, macros: n.dependsOnMacros } } : { name: src!.name, resource_type: 'source', package_name: src!.packageName, original_file_path: src!.originalFilePath, unique_id: src!.uniqueId, source_name: src!.sourceName };
      const keys = args.outputKeys.length ? args.outputKeys : Object.keys(full);
      rows.push(JSON.stringify(Object.fromEntries(keys.filter((k) => k in full).map((k) => [k, full[k]]))));
    } else rows.push(n ? n.fqn.join('.') : `source:${src!.fqn.join('.')}`);
  }
  for (const r of rows) s.emit('info', 'ListCmdOut', r);
  return 0;
}

async function runOperation(s: DbtSession, args: DbtArgs): Promise<number> {
  if (!args.macro) throw new DbtError('Runtime', 'dbt run-operation needs the name of a macro');
  const [pkg, name] = args.macro.includes('.') ? args.macro.split('.', 2) : [null, args.macro];
  const def = pkg ? s.macros.fromPackage(pkg, name) : s.macros.resolve(name, s.rootProject.name);
  if (!def) throw new DbtError('Runtime', `dbt could not find a macro with the name "${args.macro}" in any package`);
  const ctx = new RenderContext(s, null, 'runtime', def.packageName);
  try {
    await s.interp.callValue(ctx.callable(def), { args: [], kwargs: fromPlain(args.macroArgs) as Map<string, unknown> }, ctx.env, def.name);
  } catch (e) {
    s.emit('error', 'RunningOperationUncaughtError', `Encountered an error while running operation: ${compilationError(e, `macro ${def.name}`).message}`);
    return 1;
  }
  return 0;
}

async function show(s: DbtSession, args: DbtArgs): Promise<number> {
  const limit = args.limit ?? 5;
  let sql: string;
  let name: string;
  if (args.inline !== null) {
    const ctx = new RenderContext(s, null, 'runtime', s.rootProject.name);
    sql = await ctx.render(args.inline);
    name = 'inline';
  } else {
    const selected = [...selectFor(s, { ...args, indirectSelection: 'empty' }, 'show')];
    if (selected.length !== 1) throw new DbtError('Runtime', `dbt show needs exactly one node (--select), got ${selected.length}`);
    const node = s.manifest.nodes.get(selected[0])!;
    sql = (await s.compile(node)).code;
    name = node.name;
  }
  const { table } = await s.execute(`select * from (\n${sql}\n) as model_limit_subq\nlimit ${limit}`, true);
  const cols = table.columnNames;
  const rows = table.rowObjects.map((r) => r.values.map((v) => (v === null ? '' : String(v))));
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const text = [line(cols), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
  s.emit('info', 'ShowNode', `Previewing ${args.inline !== null ? 'inline node' : `node '${name}'`}:\n${text}`);
  return 0;
}
