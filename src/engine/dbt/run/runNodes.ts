import { DbtError } from '../DbtError';
import { writeText } from '../DbtFs';
import type { AdapterResponse } from '../context/DbtRuntime';
import { quoteIdent } from '../context/Relation';
import { RenderContext } from '../context/RenderContext';
import { planExecution } from '../graph/DbtGraph';
import { selectNodes } from '../graph/select';
import { compilationError } from '../project/parseProject';
import type { DbtNode } from '../project/types';
import { compiledPath, manifestJson, relationName, runResultsJson, type NodeResult, type Timing } from './artifacts';
import { fancyLine, pluralize } from './DbtLog';
import type { DbtArgs } from './parseDbtArgs';
import type { DbtSession } from './DbtSession';
import { materializeModel } from './materialize';
import { runTest } from './runTest';
import { loadSeed } from './seed';

export type NodeCommand = 'run' | 'seed' | 'test' | 'build' | 'compile' | 'show';

const RESOURCE_TYPES: Record<NodeCommand, string[]> = {
  run: ['model'],
  seed: ['seed'],
  test: ['test'],
  build: ['model', 'seed', 'test', 'snapshot'],
  compile: ['model', 'test', 'analysis', 'seed', 'snapshot'],
  show: ['model', 'test', 'analysis', 'seed', 'snapshot'],
};

export const SNAPSHOTS_REFUSED = 'Snapshots are not supported by this dbt runner: dbt snapshot needs its own materialization (type-2 history with dbt_valid_from/dbt_valid_to), which the playground does not implement. Run snapshots on a real dbt, or exclude them with --exclude resource_type:snapshot.';

/** "sql view model public.x", "seed file public.x", "test x": how dbt names a node in its log lines. */
export function describeForLog(s: DbtSession, n: DbtNode): string {
  const rel = `${n.schema}.${n.alias}`;
  switch (n.resourceType) {
    case 'model':
      return `sql ${n.config.materialized} model ${rel}`;
    case 'seed':
      return `seed file ${rel}`;
    case 'snapshot':
      return `snapshot ${rel}`;
    default:
      return `test ${n.name}`;
  }
}

/** dbt's get_counts: "1 seed, 2 view models, 11 data tests, 3 table models". */
export function statLine(nodes: DbtNode[]): string {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const t = n.resourceType === 'model' ? `${n.config.materialized} model` : n.resourceType;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([t, c]) => (t === 'test' ? (c === 1 ? '1 test' : `${c} data tests`) : t === 'analysis' ? (c === 1 ? '1 analysis' : `${c} analyses`) : pluralize(c, t)))
    .join(', ');
}

/** "Found 5 models, 1 seed, 11 data tests, 2 sources, 433 macros". */
export function foundLine(s: DbtSession): string {
  const order = ['model', 'snapshot', 'analysis', 'seed', 'test'];
  const parts: string[] = [];
  for (const t of order) {
    const c = [...s.manifest.nodes.values()].filter((n) => n.resourceType === t).length;
    if (!c) continue;
    parts.push(t === 'test' ? (c === 1 ? '1 data test' : `${c} data tests`) : t === 'analysis' ? (c === 1 ? '1 analysis' : `${c} analyses`) : pluralize(c, t));
  }
  if (s.manifest.sources.size) parts.push(pluralize(s.manifest.sources.size, 'source'));
  parts.push(pluralize(s.manifest.macros.size, 'macro'));
  return `Found ${parts.join(', ')}`;
}

function humanize(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return ` in ${Math.floor(minutes / 60)} hours ${minutes % 60} minutes and ${(seconds - minutes * 60).toFixed(2)} seconds`;
}

function errorText(e: unknown): string {
  if (e instanceof DbtError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** The part of a run that every node command shares: the header lines, selection and the artifacts. */
export function selectFor(s: DbtSession, args: DbtArgs, command: NodeCommand): Set<string> {
  let types = new Set(RESOURCE_TYPES[command]);
  if (args.resourceTypes.length && (command === 'build' || command === 'compile')) types = new Set(args.resourceTypes.map((t) => (t === 'data_test' ? 'test' : t)).filter((t) => types.has(t)));
  for (const t of args.excludeResourceTypes) types.delete(t === 'data_test' ? 'test' : t);
  const indirect = args.indirectSelection !== 'empty' && (command === 'build' || command === 'test' || command === 'compile');
  return selectNodes(s.graph, { select: args.select, exclude: args.exclude, resourceTypes: types, indirectTests: indirect });
}

/**
 * `dbt run`, `dbt seed`, `dbt test`, `dbt build`, `dbt compile`: selects the
 * nodes, runs them one at a time in dbt's order, prints dbt's lines, skips
 * what depends on a failure, and writes target/manifest.json and
 * target/run_results.json. Returns dbt's exit code (0, or 1 when a node
 * errored or a test failed).
 */
export async function runNodes(s: DbtSession, args: DbtArgs, command: NodeCommand): Promise<{ exitCode: number; results: NodeResult[] }> {
  const selected = selectFor(s, args, command);
  s.selected = [...selected];
  const plan = planExecution(s.graph, selected, command === 'build');
  const total = plan.filter((p) => !(p.node.resourceType === 'model' && p.node.config.materialized === 'ephemeral')).length;
  const started = s.now();
  const threads = args.threads ?? s.target.threads;
  if (!plan.length) {
    s.emit('warn', 'NothingToDo', 'Nothing to do. Try checking your model configs and model specification args');
  } else if (command !== 'compile' && command !== 'show') {
    s.emit('info', 'Formatting', '');
    s.emit('info', 'ConcurrencyLine', `Concurrency: ${threads} threads (target='${s.target.name}')`);
    s.emit('info', 'Formatting', '');
  }

  const results: NodeResult[] = [];
  if (command === 'run' || command === 'build' || command === 'seed') {
    const schemas = new Set(plan.filter((p) => p.node.resourceType !== 'test' && p.node.config.materialized !== 'ephemeral' && p.node.resourceType !== 'analysis').map((p) => p.node.schema));
    for (const schema of schemas) await s.execute(`create schema if not exists ${quoteIdent(schema)}`, false);
  }

  const skip = new Map<string, string>();
  let index = 0;
  for (const p of plan) {
    const n = p.node;
    const ephemeral = n.resourceType === 'model' && n.config.materialized === 'ephemeral';
    if (s.o.signal?.aborted) throw new DbtError('Runtime', 'The run was stopped');
    if (!ephemeral) index++;
    if (skip.has(n.uniqueId)) {
      if (!ephemeral && command !== 'compile') {
        s.emit('info', 'SkippingDetails', fancyLine(n.resourceType === 'model' || n.resourceType === 'seed' || n.resourceType === 'snapshot' ? `SKIP relation ${n.schema}.${n.alias}` : `SKIP ${n.resourceType} ${n.name}`, 'SKIP', index, total), n.uniqueId);
        s.o.listener.nodeStarted?.({ uniqueId: n.uniqueId, resourceType: n.resourceType, index, total, at: s.now() });
        const r: NodeResult = { status: 'skipped', timing: [], thread_id: 'Thread-1 (worker)', execution_time: 0, adapter_response: {}, message: null, failures: null, unique_id: n.uniqueId, compiled: false, compiled_code: null, relation_name: relationName(s, n), batch_results: null };
        results.push(r);
        s.o.listener.nodeFinished?.({ uniqueId: n.uniqueId, status: 'skipped', message: null, failures: null, executionTime: 0, at: s.now() });
      }
      for (const other of plan) if (other.deps.has(n.uniqueId) && !skip.has(other.node.uniqueId)) skip.set(other.node.uniqueId, n.uniqueId);
      continue;
    }
    const result = await runOne(s, n, command, ephemeral ? null : { index, total });
    if (!ephemeral) results.push(result);
    const failed = result.status === 'error' || (command === 'build' && result.status === 'fail');
    if (failed) for (const other of plan) if (other.deps.has(n.uniqueId)) skip.set(other.node.uniqueId, n.uniqueId);
  }

  const elapsed = (s.now().getTime() - started.getTime()) / 1000;
  writeArtifacts(s, results, elapsed, args, command);
  if (command === 'compile' || command === 'show') return { exitCode: results.some((r) => r.status === 'error') ? 1 : 0, results };

  if (plan.length) {
    s.emit('info', 'Formatting', '');
    s.emit('info', 'FinishedRunningStats', `Finished running ${statLine(plan.filter((p) => results.some((r) => r.unique_id === p.node.uniqueId)).map((p) => p.node))}${humanize(elapsed)} (${elapsed.toFixed(2)}s).`);
  }
  printEnd(s, results);
  const bad = results.some((r) => r.status === 'error' || r.status === 'fail' || (r.status === 'skipped' && false));
  return { exitCode: bad ? 1 : 0, results };
}

function writeArtifacts(s: DbtSession, results: NodeResult[], elapsed: number, args: DbtArgs, command: string): void {
  const target = s.rootProject.targetPath;
  const root = s.rootProject.root;
  const path = (p: string) => (root ? `${root}/${p}` : p);
  writeText(s.fs, path(`${target}/manifest.json`), JSON.stringify(manifestJson(s)));
  writeText(
    s.fs,
    path(`${target}/run_results.json`),
    JSON.stringify(runResultsJson(s, results, elapsed, { which: command, select: args.select, exclude: args.exclude, full_refresh: args.fullRefresh, vars: args.vars, target: s.target.name, project_dir: s.o.projectDir || '.', invocation_command: `dbt ${command}` })),
  );
}

function printEnd(s: DbtSession, results: NodeResult[]): void {
  const errors = results.filter((r) => r.status === 'error' || r.status === 'fail');
  const warnings = results.filter((r) => r.status === 'warn');
  s.emit('info', 'Formatting', '');
  if (errors.length) s.emit('info', 'EndOfRunSummary', `Completed with ${pluralize(errors.length, 'error')}, 0 partial successes, and ${pluralize(warnings.length, 'warning')}:`);
  else if (warnings.length) s.emit('info', 'EndOfRunSummary', `Completed with ${pluralize(warnings.length, 'warning')}:`);
  else s.emit('info', 'EndOfRunSummary', 'Completed successfully');
  const detail = (r: NodeResult, warn: boolean) => {
    const n = s.manifest.nodes.get(r.unique_id);
    if (!n) return;
    s.emit('info', 'Formatting', '');
    if (r.status === 'fail' || r.status === 'warn') {
      s.emit(warn ? 'warn' : 'error', warn ? 'RunResultWarning' : 'RunResultFailure', `${warn ? 'Warning' : 'Failure'} in ${n.resourceType} ${n.name} (${n.originalFilePath})`, n.uniqueId);
      if (r.message) s.emit(warn ? 'warn' : 'error', warn ? 'RunResultWarningMessage' : 'RunResultError', warn ? r.message : `  ${r.message}`, n.uniqueId);
      s.emit('info', 'Formatting', '');
      s.emit('info', 'SQLCompiledPath', `  compiled code at ${compiledPath(s, n, 'compiled')}`, n.uniqueId);
    } else if (r.message) {
      s.emit('error', 'RunResultError', `  ${r.message}`, n.uniqueId);
    }
  };
  for (const r of errors) detail(r, false);
  for (const r of warnings) detail(r, true);
  const stats = { pass: 0, warn: 0, error: 0, skip: 0 };
  for (const r of results) {
    if (r.status === 'error' || r.status === 'fail') stats.error++;
    else if (r.status === 'skipped') stats.skip++;
    else if (r.status === 'warn') stats.warn++;
    else stats.pass++;
  }
  s.emit('info', 'Formatting', '');
  s.emit('info', 'StatsLine', `Done. PASS=${stats.pass} WARN=${stats.warn} ERROR=${stats.error} SKIP=${stats.skip} TOTAL=${results.length}`);
}

async function runOne(s: DbtSession, n: DbtNode, command: NodeCommand, pos: { index: number; total: number } | null): Promise<NodeResult> {
  const log = pos !== null && command !== 'compile' && command !== 'show';
  const t0 = s.now();
  if (pos) s.o.listener.nodeStarted?.({ uniqueId: n.uniqueId, resourceType: n.resourceType, index: pos.index, total: pos.total, at: t0 });
  if (log) s.emit('info', 'LogStartLine', fancyLine(`START ${describeForLog(s, n)}`, 'RUN', pos!.index, pos!.total), n.uniqueId);
  const timing: Timing[] = [];
  let status: NodeResult['status'] = 'success';
  let message: string | null = null;
  let failures: number | null = null;
  let response: Partial<AdapterResponse> = {};
  let compiledCode: string | null = null;
  let relation: string | null = relationName(s, n);
  const mark = (name: Timing['name'], from: Date) => timing.push({ name, started_at: from.toISOString(), completed_at: s.now().toISOString() });
  try {
    if (n.resourceType === 'snapshot') throw new DbtError('Runtime', SNAPSHOTS_REFUSED);
    let sql = '';
    const c0 = s.now();
    if (n.resourceType !== 'seed') {
      const compiled = await s.compile(n);
      sql = compiled.code;
      compiledCode = sql;
      writeText(s.fs, inRoot(s, compiledPath(s, n, 'compiled')), sql);
    }
    mark('compile', c0);
    const e0 = s.now();
    if (command === 'compile' || command === 'show' || n.resourceType === 'analysis') {
      response = {};
    } else if (n.resourceType === 'seed') {
      const r = await loadSeed(s, n);
      response = r.response;
      message = r.response._message;
      writeText(s.fs, inRoot(s, compiledPath(s, n, 'run')), r.sql);
    } else if (n.resourceType === 'test') {
      const t = await runTest(s, n, sql);
      status = t.status;
      failures = t.failures;
      message = t.message;
      response = t.response;
      if (t.relationName) relation = t.relationName;
    } else if (n.config.materialized !== 'ephemeral') {
      response = await materializeModel(s, n, sql);
      message = response._message ?? null;
      writeText(s.fs, inRoot(s, compiledPath(s, n, 'run')), sql);
    }
    mark('execute', e0);
  } catch (e) {
    status = 'error';
    message = errorText(e instanceof DbtError || !(e instanceof Error) ? e : compilationError(e, `${n.resourceType} ${n.name} (${n.originalFilePath})`));
    failures = null;
  }
  const executionTime = (s.now().getTime() - t0.getTime()) / 1000;
  if (log) printResult(s, n, status, message, failures, executionTime, pos!);
  if (pos) s.o.listener.nodeFinished?.({ uniqueId: n.uniqueId, status, message, failures, executionTime, at: s.now() });
  return { status, timing, thread_id: 'Thread-1 (worker)', execution_time: executionTime, adapter_response: response, message, failures, unique_id: n.uniqueId, compiled: compiledCode !== null, compiled_code: compiledCode, relation_name: relation, batch_results: null };
}

function inRoot(s: DbtSession, p: string): string {
  return s.rootProject.root ? `${s.rootProject.root}/${p}` : p;
}

function printResult(s: DbtSession, n: DbtNode, status: NodeResult['status'], message: string | null, failures: number | null, time: number, pos: { index: number; total: number }): void {
  const id = n.uniqueId;
  if (n.resourceType === 'test') {
    const info = status === 'error' ? 'ERROR' : status === 'pass' ? 'PASS' : status === 'warn' ? `WARN ${failures}` : `FAIL ${failures}`;
    const level = status === 'pass' ? 'info' : status === 'warn' ? 'warn' : 'error';
    s.emit(level, 'LogTestResult', fancyLine(`${info} ${n.name}`, info, pos.index, pos.total, time), id);
  } else if (n.resourceType === 'seed') {
    s.emit(status === 'error' ? 'error' : 'info', 'LogSeedResult', fancyLine(`${status === 'error' ? 'ERROR loading' : 'OK loaded'} seed file ${n.schema}.${n.alias}`, status === 'error' ? 'ERROR' : (message ?? ''), pos.index, pos.total, time), id);
  } else if (n.resourceType === 'snapshot') {
    s.emit('error', 'LogSnapshotResult', fancyLine(`ERROR snapshotting ${describeForLog(s, n)}`, 'ERROR', pos.index, pos.total, time), id);
  } else {
    s.emit(status === 'error' ? 'error' : 'info', 'LogModelResult', fancyLine(`${status === 'error' ? 'ERROR creating' : 'OK created'} ${describeForLog(s, n)}`, status === 'error' ? 'ERROR' : (message ?? 'OK'), pos.index, pos.total, time), id);
  }
  void RenderContext;
}
