import type { TaskContext } from '../../runtime/TaskContext';
import type { RuntimeLoadListener } from '../../runtime/EngineServices';
import type { PythonCommand, PythonRuntime } from '../../python/PythonRuntime';
import { normalizePackageName } from '../../python/pyodidePackages';
import { parseKestraLine } from './kestraLines';
import { reportScriptMetric } from './reportScriptMetric';
import { parsePythonLines, requirementName } from './pythonCommandLine';
import { renderWith } from './renderWith';
import { logTaskRunner, readInputFiles, readNamespaceFiles, renderedList, storeOutputFiles } from './workingDirFiles';
import { CappedLog } from '../../shell/CappedLog';
import { stderrLevel, warnOnStderr } from '../../shell/stderrPolicy';
import { logPropertiesNotRun, PYTHON_NOT_RUN } from './notRunHere';
import { formatBytes } from '../../runtime/ExecutionLimits';

/** Packages pip would install that need nothing here. */
const PROVIDED: Record<string, string> = {
  kestra: 'the playground provides the `kestra` module (Kestra.outputs, counter, timer, gauge, logger)',
  pip: 'pip itself is not needed: packages come with Pyodide',
  setuptools: 'not needed to run scripts here',
  wheel: 'not needed to run scripts here',
};

/** What the task runs, from its properties: the commands, and files it adds to the working directory (the script). */
export interface PythonTaskPlan {
  /** Shell-like lines: `beforeCommands`, then `commands` (Commands) or nothing (Script). */
  lines: string[];
  /** Commands after the lines (Script: `python <script file>`). */
  commands: PythonCommand[];
  files: Map<string, Uint8Array>;
}

/** Starts Python (the first time), telling the task's log and the host's UI. */
export async function loadPython(ctx: TaskContext): Promise<PythonRuntime> {
  const load = ctx.services.python;
  if (!load) throw new Error('Python is not available in this engine (the host gave no python service)');
  const listener: RuntimeLoadListener = (p) => {
    ctx.log(p.phase === 'failed' ? 'ERROR' : 'INFO', p.message);
    ctx.services.onRuntimeLoad?.(p);
  };
  return load(listener);
}

/**
 * Runs a Python script task (Script or Commands) the way Kestra's script
 * plugin does (K script/.../exec/AbstractExecScript.java, CommandsWrapper):
 * inputFiles and namespaceFiles laid into the working directory, which is the
 * current directory; stdout lines are INFO logs and stderr lines ERROR logs,
 * except `::{…}::` lines, which are outputs (`vars`), metrics or logs; a
 * non-zero exit fails the task (the traceback is in the log); outputFiles
 * globs are stored. Python is Pyodide, in a worker the engine can stop.
 */
export async function runPythonTask(ctx: TaskContext, plan: (render: (t: string) => string) => PythonTaskPlan): Promise<Record<string, unknown>> {
  const workingDir = `/tmp/kestra-wd/${ctx.taskRun.id}`;
  const { render, renderValue } = renderWith(ctx, { workingDir });
  logTaskRunner(ctx, 'it runs in Pyodide (Python compiled to WebAssembly)', 'Pyodide', render);
  logPropertiesNotRun(ctx, PYTHON_NOT_RUN);

  const env: Record<string, string> = { HOME: '/root', PATH: '/usr/local/bin:/usr/bin:/bin', PWD: workingDir, LANG: 'C.UTF-8' };
  const userEnv = ctx.task.env ? renderValue(ctx.task.env as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(userEnv)) env[k] = String(v);

  const files = new Map<string, Uint8Array>([...(await readNamespaceFiles(ctx)), ...(await readInputFiles(ctx, render))]);
  const { lines, commands: tail, files: planned } = plan(render);
  for (const [k, v] of planned) files.set(k, v);

  const wanted: string[] = [];
  const commands: PythonCommand[] = [];
  for (const line of lines) {
    for (const item of parsePythonLines(line, env)) {
      if (item.kind === 'python') {
        commands.push(item.command);
        continue;
      }
      wanted.push(...item.packages);
      for (const req of item.requirements) {
        const data = files.get(req.replace(/^\.\//, ''));
        if (!data) throw new Error(`pip install -r ${req}: no such file in the working directory (add it with inputFiles or namespaceFiles)`);
        for (const l of new TextDecoder().decode(data).split(/\r?\n/)) {
          const name = requirementName(l);
          if (name) wanted.push(name);
        }
      }
    }
  }
  commands.push(...tail);
  for (const dep of renderedList(ctx, ctx.task.dependencies, render)) wanted.push(dep);

  const python = await loadPython(ctx);
  const packages = resolvePackages(ctx, python, wanted);

  const inBytes = [...files.values()].reduce((n, f) => n + f.byteLength, 0);
  if (inBytes > ctx.limits.workingDirBytes) throw new Error(`The working directory would hold ${formatBytes(inBytes)}, more than the ${formatBytes(ctx.limits.workingDirBytes)} a task may use here`);
  const vars: Record<string, unknown> = {};
  const outLog = new CappedLog((l, m) => ctx.log(l, m), 'INFO', ctx.limits.taskLogLines, ctx.limits.workingDirBytes);
  const errLog = new CappedLog((l, m) => ctx.log(l, m), stderrLevel(ctx), ctx.limits.taskLogLines, ctx.limits.workingDirBytes);
  const onLine = (line: string, stderr: boolean) => {
    const message = parseKestraLine(line);
    if (message) {
      if (message.outputs) Object.assign(vars, message.outputs);
      for (const m of message.metrics ?? []) reportScriptMetric(ctx, m);
      for (const l of message.logs ?? []) ctx.log(l.level, l.message);
      return;
    }
    (stderr ? errLog : outLog).line(line);
  };
  const failFast = ctx.task.failFast === undefined || String(renderValue(ctx.task.failFast)) !== 'false';
  const result = await python.run(
    { workingDir, files: Object.fromEntries(files), env, packages, commands, keepGoing: !failFast },
    { stdout: (l) => onLine(l, false), stderr: (l) => onLine(l, true), signal: ctx.signal },
  );
  // past the log cap, the whole stdout / stderr is kept as a file of the task run, as for shell tasks
  const logFiles: Record<string, string> = {};
  for (const [stream, log] of [['stdout', outLog], ['stderr', errLog]] as const) {
    if (!log.truncated) continue;
    const uri = await ctx.storeFile(`${stream}.txt`, new TextEncoder().encode(log.text()));
    log.noteFile(stream, uri);
    logFiles[stream] = uri;
  }
  if (result.exitCode !== 0) throw new Error(`Command failed with exit code ${result.exitCode}`);

  const outputs: Record<string, unknown> = { exitCode: result.exitCode, vars };
  if (Object.keys(logFiles).length) outputs.logFiles = logFiles;
  const patterns = renderedList(ctx, ctx.task.outputFiles, render);
  if (patterns.length) outputs.outputFiles = await storeOutputFiles(ctx, patterns, Object.entries(result.files));
  warnOnStderr(ctx, errLog.count, renderValue(ctx.task.warningOnStdErr ?? true));
  return outputs;
}

/** `pip install` names → Pyodide packages to load; a clear error for any this playground cannot provide. */
function resolvePackages(ctx: TaskContext, python: PythonRuntime, wanted: string[]): string[] {
  const load: string[] = [];
  const notShipped: string[] = [];
  const unknown: string[] = [];
  for (const spec of wanted) {
    const name = requirementName(spec);
    if (!name) continue;
    const key = normalizePackageName(name);
    if (PROVIDED[key]) ctx.log('INFO', `pip install ${name}: ${PROVIDED[key]}`);
    else if (python.availablePackages.has(key)) load.push(key);
    else if (python.knownPackages.has(key)) notShipped.push(name);
    else unknown.push(name);
  }
  const problems: string[] = [];
  if (notShipped.length) {
    problems.push(
      `${notShipped.map((n) => `\`${n}\``).join(', ')}: Pyodide builds ${notShipped.length > 1 ? 'these packages' : 'this package'} for WebAssembly, but ${notShipped.length > 1 ? 'their files are' : 'its files are'} not shipped with this playground (it has Python's standard library and the \`kestra\` module)`,
    );
  }
  if (unknown.length) {
    problems.push(
      `${unknown.map((n) => `\`${n}\``).join(', ')}: not ${unknown.length > 1 ? 'packages' : 'a package'} Pyodide provides, and pip cannot download from PyPI here`,
    );
  }
  if (problems.length) throw new Error(`Cannot install Python packages: ${problems.join('; ')}. Run this flow on Kestra to use them.`);
  return load;
}
