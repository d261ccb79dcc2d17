import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createNodePython } from '../../src/cli/runtimes/createNodePython';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { resolveInputs } from '../../src/engine/inputs/resolveInputs';
import { MemoryNamespaceFiles } from '../../src/engine/storage/NamespaceFiles';
import { ExecutionControl } from '../../src/engine/runtime/ExecutionControl';
import { systemClock } from '../../src/engine/runtime/Clock';
import type { RunOptions } from '../../src/engine';
import type { RuntimeLoadProgress } from '../../src/engine/runtime/EngineServices';
import { flowFromSource, history, messages, run, states, taskRun } from './executionHarness';
import { pythonFixture } from './pythonHarness';

// one Pyodide for the whole file (it takes seconds to start), as the CLI and the browser keep one
const python = createNodePython();
after(() => python.close());
const loads: RuntimeLoadProgress[] = [];

async function runPython(name: string, options: RunOptions = {}) {
  const storage = new MemoryStorage();
  const flow = pythonFixture(name);
  const inputs = await resolveInputs(flow, {});
  const r = await run(flow, {
    inputs: inputs.values,
    ...options,
    services: { storage, python: python.load, onRuntimeLoad: (p) => loads.push(p), ...options.services },
  });
  return { ...r, storage };
}

test('Kestra.outputs and print("::{…}::") become vars, Kestra.counter/timer metrics, Kestra.logger() log lines', async () => {
  const { execution } = await runPython('outputs_metrics');
  assert.equal(execution.state.current, 'SUCCESS', messages(execution).join('\n'));
  const report = taskRun(execution, 'report');
  const out = report.outputs as { exitCode: number; vars: Record<string, unknown> };
  assert.equal(out.exitCode, 0);
  assert.deepEqual(out.vars, { rows: 3, names: ['a', 'b'], status: 'done', raw: true });
  // metrics sit on the task run, not in its outputs; a timer's seconds become milliseconds (MetricEntry#computeValue)
  assert.ok(!('_metrics' in out));
  assert.deepEqual(
    (report.metrics ?? []).map(({ name, type, value, tags }) => ({ name, type, value, tags })),
    [
      { name: 'rows_read', type: 'counter', value: 3, tags: { source: 'fixture' } },
      { name: 'load', type: 'timer', value: 1500, tags: {} },
    ],
  );
  const logs = execution.logs.filter((l) => l.taskId === 'report');
  // the protocol lines are not log lines; the ordinary one is, at INFO; the logger's warning at WARN
  assert.ok(!logs.some((l) => l.message.includes('::{')), 'no protocol line is logged');
  assert.equal(logs.find((l) => l.message === 'an ordinary line')?.level, 'INFO');
  assert.equal(logs.find((l) => l.message.endsWith('careful'))?.level, 'WARN');
  assert.ok(logs.some((l) => l.message.startsWith('pip install kestra: the playground provides')));
  assert.deepEqual(messages(execution, 'use'), ['3 b done true']);
  // loading was reported once, to the log and to the host
  assert.ok(loads.some((p) => p.runtime === 'python' && p.phase === 'ready'));
});

test('outputFiles globs store matching files under their relative paths; other files are not kept', async () => {
  const { execution, storage } = await runPython('output_files');
  assert.equal(execution.state.current, 'SUCCESS', messages(execution).join('\n'));
  const files = (taskRun(execution, 'write').outputs as { outputFiles: Record<string, string> }).outputFiles;
  assert.deepEqual(Object.keys(files).sort(), ['a.csv', 'b.csv', 'reports/summary.txt']);
  assert.equal(new TextDecoder().decode(await storage.get(files['b.csv'])), 'x\n2\n');
  assert.match(files['a.csv'], /^kestra:\/\/\/zoomcamp\/tests\/python-output-files\/executions\/.+\/tasks\/write\/.+-a\.csv$/);
  assert.deepEqual(messages(execution, 'read_back'), ['two files']);
});

test('a script that raises fails its task: the traceback is in the log, the exit code in the message', async () => {
  const { execution } = await runPython('failing');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(states(execution), { boom: 'FAILED' });
  const logs = execution.logs.filter((l) => l.taskId === 'boom');
  assert.equal(logs.find((l) => l.message === 'before the error')?.level, 'INFO');
  const errors = logs.filter((l) => l.level === 'ERROR').map((l) => l.message);
  assert.ok(errors.includes('Traceback (most recent call last):'), errors.join('\n'));
  assert.ok(errors.some((m) => /line 2, in divide/.test(m)), errors.join('\n'));
  assert.ok(errors.includes('ZeroDivisionError: division by zero'), errors.join('\n'));
  assert.ok(errors.includes('Command failed with exit code 1'), errors.join('\n'));
});

test('env is os.environ and inputFiles (text and kestra:// URIs, in folders) are in the working directory', async () => {
  const { execution } = await runPython('env_input_files');
  assert.equal(execution.state.current, 'SUCCESS', messages(execution).join('\n'));
  const vars = (taskRun(execution, 'consume').outputs as { vars: Record<string, unknown> }).vars;
  assert.equal(vars.greeting, 'hello');
  assert.equal(vars.count, 3);
  assert.equal(vars.sum, 6);
  assert.equal(vars.config, 'mode=test');
  assert.deepEqual(vars.args, ['first', 'second arg']);
  assert.deepEqual(vars.cwd_listing, ['conf', 'main.py', 'numbers.txt']);
  assert.equal(vars.cwd, `/tmp/kestra-wd/${taskRun(execution, 'consume').id}`);
  // the first task's environment did not leak into the second (a fresh os.environ per task)
  assert.deepEqual(Object.keys(vars).sort(), ['args', 'config', 'count', 'cwd', 'cwd_listing', 'greeting', 'sum']);
});

test('pip install names the packages the playground cannot provide, and the task fails before running', async () => {
  const { execution } = await runPython('pip_unavailable');
  assert.equal(execution.state.current, 'FAILED');
  const error = execution.logs.find((l) => l.level === 'ERROR')!.message;
  assert.match(error, /`requests`: Pyodide builds this package for WebAssembly, but its files are not shipped/);
  assert.match(error, /`surely-not-a-real-package-xyz`: not a package Pyodide provides/);
  assert.ok(!/`kestra`:/.test(error), 'kestra is provided, not refused');
});

test('Kill stops `while True: pass`: the task and the execution end KILLED, and Python is free again', async () => {
  const control = new ExecutionControl();
  const started = Date.now();
  const { execution } = await runPython('endless_loop', {
    control,
    services: { clock: systemClock },
    emit: (e) => {
      if (e.type === 'log' && e.message === 'looping') control.kill();
    },
  });
  assert.equal(execution.state.current, 'KILLED');
  assert.deepEqual(states(execution), { spin: 'KILLED' });
  assert.deepEqual(history(execution.state), ['CREATED', 'RUNNING', 'KILLING', 'KILLED']);
  assert.ok(Date.now() - started < 60_000);
  // the loop really stopped: the next script runs (on the same interpreter or a fresh one)
  const next = await runPython('outputs_metrics');
  assert.equal(next.execution.state.current, 'SUCCESS');
});

test('a task timeout stops `while True: pass` and fails the task', async () => {
  const started = Date.now();
  const { execution } = await runPython('endless_loop_timeout', { services: { clock: systemClock } });
  assert.equal(execution.state.current, 'FAILED');
  const spin = taskRun(execution, 'spin');
  assert.equal(spin.state.current, 'FAILED');
  const ran = Date.parse(spin.state.histories.at(-1)!.date) - Date.parse(spin.state.histories[1].date);
  assert.ok(ran >= 2000 && ran < 30_000, `ran ${ran} ms`);
  assert.ok(messages(execution, 'spin').some((m) => m.startsWith('Timeout after 00:00:02.000')), messages(execution, 'spin').join('\n'));
  assert.ok(Date.now() - started < 60_000);
  const next = await runPython('outputs_metrics');
  assert.equal(next.execution.state.current, 'SUCCESS');
});

test('a script that catches KeyboardInterrupt is terminated after the grace period; the next one gets a fresh interpreter', async () => {
  const control = new ExecutionControl();
  const { execution } = await runPython('stubborn_loop', {
    control,
    services: { clock: systemClock },
    emit: (e) => {
      if (e.type === 'log' && e.message === 'stubborn') control.kill();
    },
  });
  assert.equal(execution.state.current, 'KILLED');
  const next = await runPython('outputs_metrics');
  assert.equal(next.execution.state.current, 'SUCCESS');
});

test('past the log line cap, the whole stdout is kept as a file of the task run, as for shell tasks', async () => {
  const storage = new MemoryStorage();
  const flow = flowFromSource(`
id: python_many_lines
namespace: zoomcamp.tests
tasks:
  - id: chatty
    type: io.kestra.plugin.scripts.python.Commands
    commands:
      - python -c "print('\\\\n'.join(f'line {i}' for i in range(12)))"
`);
  const { execution } = await run(flow, { services: { storage, python: python.load, limits: { taskLogLines: 5 } } });
  assert.equal(execution.state.current, 'SUCCESS', messages(execution).join('\n'));
  const logged = messages(execution, 'chatty').filter((m) => m.startsWith('line '));
  assert.deepEqual(logged, ['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
  const files = (taskRun(execution, 'chatty').outputs as { logFiles: { stdout: string } }).logFiles;
  const text = new TextDecoder().decode(await storage.get(files.stdout));
  assert.equal(text.trim().split('\n').length, 12);
  assert.ok(messages(execution, 'chatty').some((m) => m.includes('truncated: 12 lines on stdout')));
});

test('namespaceFiles (include globs) are in the working directory; sys.exit(3) fails the task with exit code 3', async () => {
  const namespaceFiles = new MemoryNamespaceFiles();
  const enc = (s: string) => new TextEncoder().encode(s);
  await namespaceFiles.write('zoomcamp.tests', 'scripts/main.py', enc('import helpers\nhelpers.report()\n'));
  await namespaceFiles.write('zoomcamp.tests', 'scripts/helpers.py', enc('import os\ndef report():\n    print("files:", sorted(os.listdir(".")), sorted(os.listdir("scripts")))\n'));
  await namespaceFiles.write('zoomcamp.tests', 'other/secret.txt', enc('not included'));
  const { execution } = await runPython('namespace_files', { services: { namespaceFiles } });
  assert.deepEqual(states(execution), { from_namespace: 'SUCCESS', exits: 'FAILED' });
  assert.ok(messages(execution, 'from_namespace').includes("files: ['scripts'] ['helpers.py', 'main.py']"), messages(execution, 'from_namespace').join('\n'));
  assert.ok(messages(execution, 'exits').includes('leaving'));
  assert.ok(messages(execution, 'exits').includes('Command failed with exit code 3'));
});
