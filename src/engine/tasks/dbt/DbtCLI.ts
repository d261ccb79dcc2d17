import { DEFAULT_KESTRA_VERSION } from '../../KestraVersion';
import { reportRunResultMetrics, reportStatsLine } from './reportDbtMetrics';
import type { LogLevel } from '../../model/events';
import type { StateType } from '../../model/state';
import type { DynamicTaskRun, TaskContext } from '../../runtime/TaskContext';
import { runShell } from '../../shell/runShell';
import { LineSink } from '../../shell/streams';
import { readText } from '../../dbt/DbtFs';
import type { DbtLogEvent } from '../../dbt/run/DbtLog';
import type { TaskDefinition } from '../TaskDefinition';
import { isDbtCommand, splitCommandLine, unsupportedDbtShape } from './dbtCommandLines';
import { storeOutputFiles, taskWorkingDirectory } from './taskWorkingDirectory';

const TYPE = 'io.kestra.plugin.dbt.cli.DbtCLI';
const WD = '/tmp/kestra-wd';

const LEVELS: Record<DbtLogEvent['level'], LogLevel> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

/** dbt's node status → the state Kestra's ResultParser gives the node's task run. */
function stateOf(status: string): StateType {
  switch (status) {
    case 'error':
    case 'fail':
    case 'runtime_error':
      return 'FAILED';
    case 'warn':
      return 'WARNING';
    case 'skipped':
      return 'SKIPPED';
    default:
      return 'SUCCESS';
  }
}

const lines = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Kestra's LogService line for one dbt JSON log event: `[Date: …] [Thread: …] [Type: …] message `. */
export function kestraDbtLine(e: DbtLogEvent): string {
  return `[Date: ${e.ts}] [Thread: ${e.thread}] [Type: ${e.name}] ${e.msg ? `${e.msg} ` : ''}`;
}

/**
 * io.kestra.plugin.dbt.cli.DbtCLI: runs dbt commands on the project in the
 * task's working directory, with the playground's dbt runner (TypeScript, on
 * the in-browser PostgreSQL) instead of dbt in a container. As Kestra's dbt
 * plugin does, it writes `profiles` to profiles.yml, logs dbt's lines, makes
 * each dbt node a task run under this one (from the results), keeps
 * target/manifest.json and target/run_results.json as output files and,
 * with `storeManifest`, puts the manifest in the KV store.
 */
export const DbtCLI: TaskDefinition = {
  type: TYPE,
  strictProperties: true,
  properties: {
    commands: { kind: 'string-or-list', required: true },
    profiles: { kind: 'string' },
    projectDir: { kind: 'string' },
    env: { kind: 'map' },
    namespaceFiles: { kind: 'any' },
    inputFiles: { kind: 'any' },
    outputFiles: { kind: 'string-or-list' },
    storeManifest: { kind: 'map' },
    loadManifest: { kind: 'map' },
    parseRunResults: { kind: 'boolean' },
    taskRunner: { kind: 'any' },
    containerImage: { kind: 'string' },
    docker: { kind: 'any' },
    runner: { kind: 'string' },
    beforeCommands: { kind: 'string-or-list' },
    interpreter: { kind: 'string-or-list' },
    failFast: { kind: 'any' },
    warningOnStdErr: { kind: 'any' },
    targetOS: { kind: 'string' },
    outputDirectory: { kind: 'any' },
    logFormat: { kind: 'string', values: ['JSON', 'TEXT', 'DEBUG', 'NONE'] },
    engine: { kind: 'string', values: ['CORE', 'FUSION'] },
  },
  async run(ctx) {
    const version = ctx.services.kestraVersion ?? DEFAULT_KESTRA_VERSION;
    explainRunner(ctx);
    const { fs, namespaceFileCount } = await taskWorkingDirectory(ctx);
    if (namespaceFileCount) ctx.log('DEBUG', `${namespaceFileCount} namespace file(s) of ${ctx.execution.namespace} copied into the working directory`);
    const projectDir = ctx.task.projectDir !== undefined ? ctx.render(String(ctx.task.projectDir)).replace(/^\.?\/+/, '').replace(/\/+$/, '') : '';
    ctx.log('INFO', `dbt project working directory: ${projectDir ? `${WD}/${projectDir}` : WD}`);

    if (ctx.task.loadManifest) {
      const lm = ctx.renderValue(ctx.task.loadManifest) as { key?: unknown; namespace?: unknown };
      const store = ctx.services.kv.get(String(lm.namespace ?? ctx.execution.namespace));
      const value = store?.get(String(lm.key));
      if (value === undefined || value === null || String(value).trim() === '') ctx.log('WARN', 'Property `loadManifest` has been used but no manifest has been found in the KV Store.');
      else fs.put(`${projectDir ? projectDir + '/' : ''}target/manifest.json`, new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)));
    }

    if (ctx.task.profiles !== undefined) {
      const profiles = ctx.render(String(ctx.task.profiles));
      if (profiles) {
        if (fs.read('profiles.yml')) ctx.log('INFO', "A 'profiles.yml' file already exists in the task working directory; it will be overridden.");
        fs.put('profiles.yml', new TextEncoder().encode(profiles));
      }
    }

    const env: Record<string, string> = { HOME: '/root', PATH: '/usr/local/bin:/usr/bin:/bin', PWD: WD, PYTHONUNBUFFERED: 'true', PIP_ROOT_USER_ACTION: 'ignore' };
    for (const [k, v] of Object.entries(ctx.task.env ? ctx.renderValue(ctx.task.env as Record<string, unknown>) : {})) env[k] = String(v);
    const failFast = ctx.task.failFast === undefined || String(ctx.renderValue(ctx.task.failFast)) !== 'false';
    const commands = [...lines(ctx.task.beforeCommands), ...lines(ctx.task.commands)].flatMap((c) => lines(ctx.renderValue(c)));

    let warningDetected = false;
    let exitCode = 0;
    const children = new Map<string, DynamicTaskRun>();
    const listener = {
      log: (e: DbtLogEvent) => {
        if (e.level === 'warn') warningDetected = true;
        ctx.log(LEVELS[e.level], kestraDbtLine(e));
        if (e.name === 'StatsLine') reportStatsLine(ctx, e.msg);
      },
      nodeStarted: (n: { uniqueId: string }) => {
        const child = ctx.dynamicTaskRun(n.uniqueId, TYPE, ctx.taskRun.id);
        children.set(n.uniqueId, child);
        child.setState('RUNNING');
      },
      nodeFinished: (n: { uniqueId: string; status: string; message: string | null; failures: number | null; executionTime: number }) => {
        const child = children.get(n.uniqueId);
        if (!child) return;
        const state = stateOf(n.status);
        const level: LogLevel = state === 'FAILED' ? 'ERROR' : state === 'WARNING' ? 'WARN' : 'INFO';
        // the node's own log lines, as Kestra's dbt plugin attaches them (1.7: `uniqueId => status in 0.12s`)
        child.log(level, `${n.uniqueId} => ${n.status} in ${n.executionTime.toFixed(2)}s${n.failures ? ` (${n.failures} failure${n.failures === 1 ? '' : 's'})` : ''}`);
        if (n.message) child.log(level, n.message);
        child.setState(state);
      },
    };

    let stopped = false;
    for (const line of commands) {
      if (stopped) break;
      for (const part of splitCommandLine(line)) {
        if (part.op === '&&' && exitCode !== 0) continue;
        if (!isDbtCommand(part.command)) {
          exitCode = await runShellCommand(ctx, fs, env, part.command);
        } else {
          const refused = unsupportedDbtShape(part.command);
          if (refused) throw new Error(refused);
          // the dbt runner (Jinja, graph, adapters) loads on the first dbt command: a page that never runs dbt never fetches it
          const [{ shellWords }, { runDbtCommand }] = await Promise.all([import('../../dbt/run/parseDbtArgs'), import('../../dbt/run/runDbtCommand')]);
          const words = shellWords(part.command.replace(/\$\{?(\w+)\}?/g, (m, name: string) => env[name] ?? m));
          const outcome = await runDbtCommand(words, {
            fs,
            projectDir,
            env,
            database: ctx.services.database,
            listener,
            signal: ctx.signal,
            now: () => ctx.services.clock.now(),
            invocationId: ctx.services.newId(),
            hostNote: (host, database) => `  (the playground does not contact ${host}: this dbt runs on the in-browser PostgreSQL, database "${database}")`,
          });
          exitCode = outcome.exitCode;
        }
        if (exitCode !== 0 && failFast) {
          stopped = true;
          break;
        }
      }
    }

    // Kestra parses target/ after the commands, whether they failed or not
    const outputFiles: Record<string, string> = await storeOutputFiles(ctx, fs, ctx.task.outputFiles);
    const target = `${projectDir ? projectDir + '/' : ''}target`;
    const manifest = readText(fs, `${target}/manifest.json`);
    if (manifest === null) {
      if (version !== '0.20') ctx.log('WARN', `dbt manifest not found at ${WD}/${target}/manifest.json (assets will NOT be emitted)`);
    } else {
      if (version !== '0.20') ctx.log('INFO', `dbt manifest found at ${WD}/${target}/manifest.json`);
      if (ctx.task.storeManifest) {
        const sm = ctx.renderValue(ctx.task.storeManifest) as { key?: unknown; namespace?: unknown };
        if (sm.key === undefined || sm.namespace === undefined) throw new Error('storeManifest needs both `key` and `namespace`');
        const ns = String(sm.namespace);
        let store = ctx.services.kv.get(ns);
        if (!store) {
          store = new Map();
          ctx.services.kv.set(ns, store);
        }
        store.set(String(sm.key), JSON.parse(manifest));
        ctx.log('DEBUG', `manifest.json stored in the KV store of ${String(sm.namespace)} under '${String(sm.key)}'`);
      }
      outputFiles['manifest.json'] = await ctx.storeFile('manifest.json', new TextEncoder().encode(manifest));
    }
    const runResults = readText(fs, `${target}/run_results.json`);
    if (runResults !== null && ctx.task.parseRunResults !== false && String(ctx.task.parseRunResults) !== 'false') {
      outputFiles['run_results.json'] = await ctx.storeFile('run_results.json', new TextEncoder().encode(runResults));
      reportRunResultMetrics(ctx, runResults);
    }
    if (exitCode !== 0) throw new Error(`Command failed with exit code ${exitCode}`);
    // Kestra 1.0+ ends the task WARNING when dbt logged a warning (plugin-dbt #196); 0.20 kept it SUCCESS
    if (warningDetected && version !== '0.20') ctx.setWarning();
    return { exitCode, vars: {}, outputFiles };
  },
};

function explainRunner(ctx: TaskContext): void {
  const runner = ctx.task.taskRunner as { type?: string } | undefined;
  const type = runner?.type ? String(runner.type) : null;
  const image = ctx.task.containerImage ? ctx.render(String(ctx.task.containerImage)) : 'ghcr.io/kestra-io/dbt';
  ctx.log(
    'INFO',
    `This task asks for ${type ? `the task runner ${type}` : 'the default Docker task runner'} with image ${image}; in the playground dbt runs in the playground's own dbt runner instead (TypeScript, on the in-browser PostgreSQL): no container, no network. The profile's host is not contacted: its dbname names the playground database.`,
  );
}

async function runShellCommand(ctx: TaskContext, fs: import('../../shell/ShellFs').ShellFs, env: Record<string, string>, command: string): Promise<number> {
  const stdout = new LineSink((l) => ctx.log('INFO', l));
  const stderr = new LineSink((l) => ctx.log('ERROR', l));
  const fetcher = ctx.services.fetch ?? ((url: string, signal?: AbortSignal) => fetch(url, { signal }));
  const code = await runShell(command, { fs, env, fetch: fetcher, signal: ctx.signal, stdout, stderr, errexit: true });
  stdout.flush();
  stderr.flush();
  return code;
}
