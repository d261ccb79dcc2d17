import type { TaskContext } from '../runtime/TaskContext';
import { globToRegExp } from './globToRegExp';
import { runShell, ShellFs } from './runShell';
import { LineSink } from './streams';

const MAX_LOG_LINES = 5000;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function asList(ctx: TaskContext, v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const r = ctx.renderValue(v);
  if (Array.isArray(r)) return r.map(String);
  const s = String(r).trim();
  if (s.startsWith('[')) {
    try {
      return (JSON.parse(s) as unknown[]).map(String);
    } catch {
      /* a plain string */
    }
  }
  return [s];
}

/** Notes the task runner the flow asked for; a Docker runner becomes the browser shell. */
function logRunner(ctx: TaskContext): void {
  const runner = ctx.task.taskRunner as { type?: string } | undefined;
  const type = runner?.type ? String(runner.type) : null;
  const image = ctx.task.containerImage ? ctx.render(String(ctx.task.containerImage)) : null;
  if (type && /\.Process$/.test(type)) {
    ctx.log('DEBUG', 'Starting command with pid 1 (browser shell)');
    return;
  }
  ctx.log(
    'INFO',
    `This task asks for ${type ? `the task runner ${type}` : 'the default Docker task runner'}${image ? ` with image ${image}` : ''}; in the playground its commands run in the built-in browser shell instead (no container).`,
  );
}

/** Writes inputFiles (a map of name → content or kestra:// URI, or a JSON string of that) into the working directory. */
async function writeInputFiles(ctx: TaskContext, fs: ShellFs): Promise<void> {
  let files = ctx.task.inputFiles as unknown;
  if (files === undefined || files === null) return;
  if (typeof files === 'string') files = JSON.parse(ctx.render(files));
  for (const [name, raw] of Object.entries(files as Record<string, unknown>)) {
    const value = ctx.render(String(raw));
    const data = /^kestra:\/\//.test(value.trim()) ? await ctx.readFile(value.trim()) : new TextEncoder().encode(value);
    fs.put(ctx.render(name), data);
  }
}

async function writeNamespaceFiles(ctx: TaskContext, fs: ShellFs): Promise<void> {
  const nf = ctx.task.namespaceFiles as { enabled?: unknown; include?: string[]; exclude?: string[] } | undefined;
  if (!nf || String(nf.enabled) === 'false') return;
  const store = ctx.services.namespaceFiles;
  const files = new Map<string, Uint8Array>();
  for (const path of store ? await store.list(ctx.execution.namespace) : []) {
    const data = await store!.read(ctx.execution.namespace, path);
    if (data) files.set(path, data);
  }
  const include = (nf.include ?? []).map(globToRegExp);
  const exclude = (nf.exclude ?? []).map(globToRegExp);
  let n = 0;
  for (const [path, data] of files) {
    const rel = path.replace(/^\/+/, '');
    if (include.length && !include.some((r) => r.test(rel))) continue;
    if (exclude.some((r) => r.test(rel))) continue;
    fs.put(rel, data);
    n++;
  }
  ctx.log('DEBUG', `${n} namespace file(s) of ${ctx.execution.namespace} copied into the working directory`);
}

/**
 * Runs a shell script task (Commands or Script) the way Kestra's script
 * plugin does: `set -e` when failFast (the default), stdout lines as INFO
 * logs, stderr lines as ERROR logs, `::{"outputs":{…}}::` lines as outputs,
 * and outputFiles globs stored as kestra:// files keyed by relative path.
 */
export async function runScriptTask(ctx: TaskContext, script: string): Promise<Record<string, unknown>> {
  logRunner(ctx);
  const fs = new ShellFs();
  await writeInputFiles(ctx, fs);
  await writeNamespaceFiles(ctx, fs);
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
  const patterns = asList(ctx, ctx.task.outputFiles);
  if (patterns.length) {
    const regexps = patterns.map((p) => globToRegExp(p.replace(/^\.\//, '')));
    const outputFiles: Record<string, string> = {};
    for (const path of fs.allFiles()) {
      if (!regexps.some((r) => r.test(path))) continue;
      const base = path.slice(path.lastIndexOf('/') + 1);
      outputFiles[path] = await ctx.storeFile(`${fnv1a(path)}-${base}`, fs.read(path)!);
    }
    outputs.outputFiles = outputFiles;
  }
  if (stderrLines && ctx.task.warningOnStdErr !== false && String(ctx.task.warningOnStdErr) !== 'false') {
    // as in Kestra: output on stderr ends the task in WARNING (warningOnStdErr is true by default)
    ctx.setWarning();
    ctx.log('WARN', `${stderrLines} line(s) on stderr, so the task ends in WARNING (set warningOnStdErr: false to keep it SUCCESS)`);
  }
  return outputs;
}
