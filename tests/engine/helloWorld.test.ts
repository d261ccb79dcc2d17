import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { reduceAll } from '../../src/engine';
import { ROOT, runFlowFile } from './runFlowFile';

test('hello world runs to SUCCESS and logs its message', async () => {
  const { execution, events } = await runFlowFile('flows/hello_world.yaml');
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(execution.state.histories.map((h) => h.state), ['CREATED', 'RUNNING', 'SUCCESS']);
  assert.equal(execution.taskRunList.length, 1);
  const run = execution.taskRunList[0];
  assert.equal(run.taskId, 'hello');
  assert.deepEqual(run.state.histories.map((h) => h.state), ['CREATED', 'RUNNING', 'SUCCESS']);
  assert.deepEqual(execution.logs.map((l) => [l.level, l.taskId, l.message]), [['INFO', 'hello', 'Hello World! 🚀']]);
  // the snapshot is exactly what folding the event stream gives
  assert.deepEqual(reduceAll(events), execution);
});

test('Log accepts a list of messages, a level and expressions', async () => {
  const { runFlowSource } = await import('./runFlowFile');
  const { execution } = await runFlowSource(`
id: log_list
namespace: company.team
inputs:
  - id: name
    type: STRING
    defaults: Kestra
tasks:
  - id: greet
    type: io.kestra.plugin.core.log.Log
    level: WARN
    message:
      - "Hi {{ inputs.name }}"
      - "{{ flow.namespace ~ '.' ~ flow.id }}"
`);
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(execution.logs.map((l) => [l.level, l.message]), [
    ['WARN', 'Hi Kestra'],
    ['WARN', 'company.team.log_list'],
  ]);
});

test('command line: run --json prints the final execution; exit codes follow the state', () => {
  const out = execFileSync('npx', ['tsx', 'src/cli/flow.ts', 'run', 'flows/hello_world.yaml', '--json'], { cwd: ROOT, encoding: 'utf8' });
  const exec = JSON.parse(out);
  assert.equal(exec.state.current, 'SUCCESS');
  assert.equal(exec.flowId, 'hello_world');
  assert.equal(exec.logs[0].message, 'Hello World! 🚀');
  assert.equal(exec.taskRunList[0].taskId, 'hello');

  const text = spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'run', 'flows/hello_world.yaml'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(text.status, 0);
  assert.match(text.stdout, /INFO\s+hello Hello World! 🚀/);
  assert.match(text.stdout, /SUCCESS/);
});

test('command line: an invalid flow exits 2 with line and column on stderr', () => {
  const r = spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'validate', 'tests/fixtures/invalid_yaml.yaml'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /invalid_yaml\.yaml:4:\d+: YAML syntax error/);
  const ok = spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'validate', 'flows/hello_world.yaml'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(ok.status, 0);
});

test('command line: --input and --secret reach the flow; a missing secret fails the run with exit 1', () => {
  const file = 'tests/fixtures/cli/secret_and_input.yaml';
  const ok = spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'run', file, '--input', 'who=Ada', '--secret', 'GREETING=hi there', '--json'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  const exec = JSON.parse(ok.stdout);
  assert.deepEqual(exec.inputs, { who: 'Ada' });
  // Kestra prints secret() values as ******** in logs
  assert.equal(exec.logs[0].message, 'Ada: ********');
  const missing = spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'run', file, '--input', 'who=Ada'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(missing.status, 1);
  assert.match(missing.stdout, /Secret `GREETING` is not defined/);
  const noInput = spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'run', file], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(noInput.status, 2);
  assert.match(noInput.stderr, /who/);
});
