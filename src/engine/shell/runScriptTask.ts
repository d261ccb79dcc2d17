import type { TaskContext } from '../runtime/TaskContext';
import { runShell, ShellFs } from './runShell';
import { LineSink } from './streams';
import { logTaskRunner, readInputFiles, readNamespaceFiles, renderedList, storeOutputFiles } from '../tasks/scripts/workingDirFiles';

const MAX_LOG_LINES = 5000;

/**
 * Runs a shell script task (Commands or Script) the way Kestra's script
 * plugin does: `set -e` when failFast (the default), stdout lines as INFO
 * logs, stderr lines as ERROR logs, `::{"outputs":{…}}::` lines as outputs,
 * and outputFiles globs stored as kestra:// files keyed by relative path.
 */
export async function runScriptTask(ctx: TaskContext, script: string): Promise<Record<string, unknown>> {
  logTaskRunner(ctx, 'its commands run in the built-in browser shell', 'browser shell');
  const fs = new ShellFs();
  for (const [path, data] of await readInputFiles(ctx)) fs.put(path, data);
  for (const [path, data] of await readNamespaceFiles(ctx)) fs.put(path, data);
  const env: Record<string, string> = { HOME: '/root', PATH: '/usr/local/bin:/usr/bin:/bin', PWD: '/tmp/kestra-wd', SHELL: '/bin/sh' };
  const userEnv = ctx.task.env ? ctx.renderValue(ctx.task.env as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(userEnv)) env[k] = String(v);

  const vars: Record<string, unknown> = {};
  let stdoutLines = 0;
  let stderrLines = 0;
  const stderrTail: string[] = [];
  const stdout = new LineSink((line) => {
    const m = /^::(\{.*\})::$/.exec(line.trim());
    if (m) {
      try {
        const parsed = JSON.parse(m[1]) as { outputs?: Record<string, unknown> };
        if (parsed.outputs) Object.assign(vars, parsed.outputs);
        return;
      } catch {
        /* not a Kestra output line: log it */
      }
    }
    if (++stdoutLines <= MAX_LOG_LINES) ctx.log('INFO', line);
    else if (stdoutLines === MAX_LOG_LINES + 1) ctx.log('WARN', `more than ${MAX_LOG_LINES} lines on stdout: the rest is not logged`);
  });
  const stderr = new LineSink((line) => {
    stderrTail.push(line);
    if (stderrTail.length > 5) stderrTail.shift();
    if (++stderrLines <= MAX_LOG_LINES) ctx.log('ERROR', line);
  });
  const failFast = ctx.task.failFast === undefined || String(ctx.renderValue(ctx.task.failFast)) !== 'false';
  const fetcher = ctx.services.fetch ?? ((url: string, signal?: AbortSignal) => fetch(url, { signal }));
  const exitCode = await runShell(script, { fs, env, fetch: fetcher, signal: ctx.signal, sleep: ctx.services.clock.sleep, stdout, stderr, errexit: failFast });
  stdout.flush();
  stderr.flush();
  if (exitCode !== 0) {
    const why = stderrTail.length ? `: ${stderrTail.join('\n')}` : '';
    throw new Error(`Command failed with exit code ${exitCode}${why}`);
  }

  const outputs: Record<string, unknown> = { exitCode, vars };
  const patterns = renderedList(ctx, ctx.task.outputFiles);
  if (patterns.length) outputs.outputFiles = await storeOutputFiles(ctx, patterns, [...fs.allFiles()].map((p) => [p, fs.read(p)!] as [string, Uint8Array]));
  if (stderrLines && ctx.task.warningOnStdErr !== false && String(ctx.task.warningOnStdErr) !== 'false') {
    // as in Kestra: output on stderr ends the task in WARNING (warningOnStdErr is true by default)
    ctx.setWarning();
    ctx.log('WARN', `${stderrLines} line(s) on stderr, so the task ends in WARNING (set warningOnStdErr: false to keep it SUCCESS)`);
  }
  return outputs;
}
