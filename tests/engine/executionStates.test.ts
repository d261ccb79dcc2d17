import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceAll } from '../../src/engine';
import { history, messages, runFixture, states, taskRun } from './executionHarness';

test('outputs of a task are visible to later tasks; flow outputs are rendered at the end', async () => {
  const { execution, events } = await runFixture('outputs_chain');
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(history(execution.state), ['CREATED', 'RUNNING', 'SUCCESS']);
  assert.deepEqual(taskRun(execution, 'ret').outputs, { value: 'outputs_chain-0' });
  assert.deepEqual(taskRun(execution, 'values').outputs, { values: { first: 'outputs_chain-0', count: 3 } });
  assert.deepEqual(messages(execution, 'log'), ['got outputs_chain-0']);
  assert.deepEqual(execution.outputs, { final: 'outputs_chain-0!' });
  for (const r of execution.taskRunList) {
    assert.deepEqual(history(r.state), ['CREATED', 'RUNNING', 'SUCCESS']);
    assert.equal(r.attempts.length, 1);
    assert.deepEqual(history(r.attempts[0].state), ['RUNNING', 'SUCCESS']);
  }
  assert.deepEqual(reduceAll(events), execution);
});

test('a failure stops the list, errors run, finally runs, and the execution still ends FAILED', async () => {
  const { execution } = await runFixture('failure_errors_finally');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(states(execution), { before: 'SUCCESS', boom: 'FAILED', on_error: 'SUCCESS', cleanup: 'SUCCESS' });
  assert.ok(!execution.taskRunList.some((t) => t.taskId === 'never'), 'the task after the failure is never created');
  assert.deepEqual(messages(execution, 'boom'), ['boom in boom']);
  const order = execution.taskRunList.map((t) => t.taskId);
  assert.deepEqual(order, ['before', 'boom', 'on_error', 'cleanup']);
});

test('allowFailure turns a failure into WARNING and the flow continues without running errors', async () => {
  const { execution } = await runFixture('allow_failure');
  assert.equal(execution.state.current, 'WARNING');
  assert.deepEqual(states(execution), { tolerated: 'WARNING', after: 'SUCCESS' });
  assert.deepEqual(history(taskRun(execution, 'tolerated').state), ['CREATED', 'RUNNING', 'WARNING']);
});

test('allowWarning turns WARNING into SUCCESS (with allowFailure, a failure ends SUCCESS)', async () => {
  const { execution } = await runFixture('allow_warning');
  assert.deepEqual(states(execution), { fully_tolerated: 'SUCCESS', pause_warns: 'SUCCESS' });
  assert.equal(execution.state.current, 'SUCCESS');
});

test('a false runIf makes the task SKIPPED; disabled tasks are left out; "False" is truthy', async () => {
  const { execution } = await runFixture('skipped_disabled', { inputs: { run_it: false } });
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(states(execution), { skipped: 'SKIPPED', ran: 'SUCCESS' });
  assert.deepEqual(history(taskRun(execution, 'skipped').state), ['CREATED', 'SKIPPED']);
  assert.equal(taskRun(execution, 'skipped').attempts.length, 0);
  const { execution: again } = await runFixture('skipped_disabled', { inputs: { run_it: true } });
  assert.deepEqual(states(again), { skipped: 'SUCCESS', ran: 'SUCCESS' });
});

test('final state precedence: KILLED over FAILED over WARNING over SUCCESS', async () => {
  const { finalStateOf } = await import('../../src/engine/model/state');
  assert.equal(finalStateOf(['SUCCESS', 'WARNING', 'FAILED', 'KILLED']), 'KILLED');
  assert.equal(finalStateOf(['SUCCESS', 'WARNING', 'FAILED']), 'FAILED');
  assert.equal(finalStateOf(['SUCCESS', 'SKIPPED', 'WARNING']), 'WARNING');
  assert.equal(finalStateOf(['SUCCESS', 'SKIPPED']), 'SUCCESS');
  assert.equal(finalStateOf([]), 'SUCCESS');
});

test('a task type this browser cannot run validates, then fails naming the type and pointing to real Kestra', async () => {
  const { execution } = await runFixture('unsupported_gcp');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(states(execution), { upload_to_gcs: 'FAILED' });
  const [msg] = messages(execution, 'upload_to_gcs');
  assert.match(msg, /io\.kestra\.plugin\.gcp\.gcs\.Upload/);
  assert.match(msg, /cannot run in this browser/);
  assert.match(msg, /run-on-kestra\//);
});

test('unknown task types are still rejected by validation', async () => {
  const { parseFlow } = await import('../../src/engine');
  const parsed = parseFlow('id: x\nnamespace: a.b\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Lg\n    message: hi\n');
  assert.ok(parsed.errors.length > 0);
});
