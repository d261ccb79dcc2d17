import type { TaskContext } from '../runtime/TaskContext';
import { runShell, ShellFs } from './runShell';
import { LineSink } from './streams';
import { logTaskRunner, readInputFiles, readNamespaceFiles, renderedList, storeOutputFiles } from '../tasks/scripts/workingDirFiles';
import { CappedLog } from './CappedLog';
import { stderrLevel, warnOnStderr } from './stderrPolicy';

/**
 * Runs a shell script task (Commands or Script) the way Kestra's script
 * plugin does: `set -e` when failFast (the default), stdout lines as INFO
 * logs, stderr lines as ERROR logs, `::{"outputs":{…}}::` lines as outputs,
 * and outputFiles globs stored as kestra:// files keyed by relative path.
 */
export async function runScriptTask(ctx: TaskContext, script: string): Promise<Record<string, unknown>> {
  logTaskRunner(ctx, 'its commands run in the built-in browser shell', 'browser shell');
  // inside a WorkingDirectory task, its script tasks share one directory
  const fs = ctx.workingDirectory instanceof ShellFs ? ctx.workingDirectory : new ShellFs(ctx.limits.workingDirBytes);
  for (const [path, data] of await readInputFiles(ctx)) fs.put(path, data);
  for (const [path, data] of await readNamespaceFiles(ctx)) fs.put(path, data);
  const env: Record<string, string> = { HOME: '/root', PATH: '/usr/local/bin:/usr/bin:/bin', PWD: '/tmp/kestra-wd', SHELL: '/bin/sh' };
  const userEnv = ctx.task.env ? ctx.renderValue(ctx.task.env as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(userEnv)) env[k] = String(v);

  const vars: Record<string, unknown> = {};
  const outLog = new CappedLog((l, m) => ctx.log(l, m), 'INFO', ctx.limits.taskLogLines, ctx.limits.workingDirBytes);
  const errLog = new CappedLog((l, m) => ctx.log(l, m), stderrLevel(ctx), ctx.limits.taskLogLines, ctx.limits.workingDirBytes);
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
    outLog.line(line);
  });
  const stderr = new LineSink((line) => {
    stderrTail.push(line);
    if (stderrTail.length > 5) stderrTail.shift();
    errLog.line(line);
  });
  const failFast = ctx.task.failFast === undefined || String(ctx.renderValue(ctx.task.failFast)) !== 'false';
  const fetcher = ctx.services.fetch ?? ((url: string, signal?: AbortSignal) => fetch(url, { signal }));
  const exitCode = await runShell(script, { fs, env, fetch: fetcher, signal: ctx.signal, sleep: ctx.services.clock.sleep, stdout, stderr, errexit: failFast });
  stdout.flush();
  stderr.flush();
  // past the log cap, the whole stdout / stderr is kept as a file of the task run
  const logFiles: Record<string, string> = {};
  for (const [stream, log] of [['stdout', outLog], ['stderr', errLog]] as const) {
    if (!log.truncated) continue;
    const uri = await ctx.storeFile(`${stream}.txt`, new TextEncoder().encode(log.text()));
    log.noteFile(stream, uri);
    logFiles[stream] = uri;
  }
  if (exitCode !== 0) {
    const why = stderrTail.length ? `: ${stderrTail.join('\n')}` : '';
    throw new Error(`Command failed with exit code ${exitCode}${why}`);
  }

  const outputs: Record<string, unknown> = { exitCode, vars };
  if (Object.keys(logFiles).length) outputs.logFiles = logFiles;
  const patterns = renderedList(ctx, ctx.task.outputFiles);
  if (patterns.length) outputs.outputFiles = await storeOutputFiles(ctx, patterns, [...fs.allFiles()].map((p) => [p, fs.read(p)!] as [string, Uint8Array]));
  warnOnStderr(ctx, errLog.count, ctx.task.warningOnStdErr);
  return outputs;
}
