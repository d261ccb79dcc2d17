import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT } from './runFlowFile';

const flowCli = (args: string[]) =>
  spawnSync('node', ['--disallow-code-generation-from-strings', '--import', 'tsx', 'src/cli/flow.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

test('command line: --json prints the flow outputs', () => {
  const r = flowCli(['run', 'tests/fixtures/kestra/flow_outputs.yaml', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const exec = JSON.parse(r.stdout);
  assert.deepEqual(exec.outputs, { answer: '42' });
});

test('command line: a Pause nothing can resume ends PAUSED with exit code 3 and says how to go on', () => {
  const r = flowCli(['run', 'tests/fixtures/kestra/pause_forever.yaml', '--json']);
  assert.equal(r.status, 3, r.stderr);
  const exec = JSON.parse(r.stdout);
  assert.equal(exec.state.current, 'PAUSED');
  assert.deepEqual(exec.resume.paused.map((p: { taskId: string }) => p.taskId), ['pause']);
  assert.match(exec.resume.hint, /cannot resume/);
  const text = flowCli(['run', 'tests/fixtures/kestra/pause_forever.yaml']);
  assert.equal(text.status, 3);
  assert.match(text.stdout, /PAUSED/);
  assert.match(text.stdout, /Paused at `pause`/);
});

test('command line: Ctrl-C kills the execution while a template loops synchronously (KILLED, not stopped by the render budget)', async () => {
  const child = spawn('node', ['--disallow-code-generation-from-strings', '--import', 'tsx', 'src/cli/flow.ts', 'run', 'tests/fixtures/kestra/cli_sigint_loop.yaml'], { cwd: ROOT });
  let out = '';
  let sent = false;
  child.stdout.on('data', (d) => {
    out += d;
    // the loop starts right after `started` is logged; give it a moment to be deep inside
    if (!sent && out.includes('started')) {
      sent = true;
      setTimeout(() => child.kill('SIGINT'), 300);
    }
  });
  const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  assert.ok(sent, out);
  assert.equal(code, 1, out);
  assert.match(out, /Execution \S+ KILLED/);
  assert.doesNotMatch(out, /evaluation steps/);
});

test('command line: --kestra-version picks the behaviour where Kestra 0.20 and 1.1 differ; another value is a usage error', () => {
  const state = (args: string[]) => {
    const r = flowCli(['run', 'tests/fixtures/kestra/stderr_line.yaml', '--json', ...args]);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout).state.current;
  };
  assert.equal(state(['--kestra-version', '0.20']), 'WARNING');
  assert.equal(state(['--kestra-version', '1.1']), 'SUCCESS');
  assert.equal(state([]), 'SUCCESS');
  const bad = flowCli(['run', 'tests/fixtures/kestra/stderr_line.yaml', '--kestra-version', '2.0']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--kestra-version is 0\.20 or 1\.1, got `2\.0`/);
});
