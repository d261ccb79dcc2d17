import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Execution } from '../../src/engine';
import { history, messages, states, taskRun } from './executionHarness';
import { runKestra } from './kestraHarness';

const attempts = (e: Execution, taskId: string, value: string | null = null) => taskRun(e, taskId, value).attempts.length;

test('TimeoutTest: timeout: PT1S stops a template that loops synchronously, with the two Timeout lines', async () => {
  const { execution } = await runKestra('timeout_template_loop');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(states(execution), { busy: 'FAILED' });
  const lines = execution.logs.filter((l) => l.message.includes('Timeout'));
  assert.deepEqual(lines.map((l) => [l.level, l.message]), [
    ['ERROR', 'Timeout after 00:00:01.000'],
    ['TRACE', 'io.kestra.core.exceptions.TimeoutExceededException: Timeout after 00:00:01.000'],
  ]);
});

test('a kill the host signals outside the event loop (RunOptions.interrupt) stops a synchronous template loop', async () => {
  let checks = 0;
  const { execution } = await runKestra('timeout_template_loop', {}, { interrupt: () => ++checks > 20 });
  assert.equal(execution.state.current, 'KILLED');
  assert.deepEqual(states(execution), { busy: 'KILLED' });
  assert.ok(checks > 20);
});

test('secrets: secret() values and SECRET inputs are ******** in log lines, outputs and the execution inputs', async () => {
  const { execution, events } = await runKestra('secrets_masked', { password: 'hunter2' }, { services: { secrets: { API_TOKEN: 's3cr3t-token' } } });
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(messages(execution, 'log_secret'), ['token=******** password=********']);
  assert.deepEqual(taskRun(execution, 'ret').outputs, { value: '********' });
  assert.deepEqual(messages(execution, 'length'), ['12 characters'], 'templates still see the real value');
  assert.equal(execution.inputs.password, '********');
  const all = JSON.stringify(events);
  assert.ok(!all.includes('s3cr3t-token') && !all.includes('hunter2'), 'no event carries a secret value');
});

test('PauseTest#runDelay: pauseDuration with RESUME goes PAUSED then RUNNING, then runs the deprecated tasks and the rest', async () => {
  const { execution } = await runKestra('pause_behavior', { behavior: 'RESUME' });
  assert.equal(execution.state.current, 'SUCCESS');
  const pause = taskRun(execution, 'pause');
  assert.equal(pause.state.histories.filter((h) => h.state === 'PAUSED').length, 1);
  assert.equal(pause.state.histories.filter((h) => h.state === 'RUNNING').length, 2);
  assert.equal(execution.taskRunList.length, 3);
  assert.equal(taskRun(execution, 'subtask').parentTaskRunId, pause.id);
  assert.ok(Date.parse(taskRun(execution, 'subtask').state.histories[0].date) > Date.parse(pause.state.histories.find((h) => h.state === 'PAUSED')!.date) + 999);
});

test('Pause behavior (rendered from an input): WARN ends WARNING straight from PAUSED, FAIL ends FAILED, CANCEL cancels the execution', async () => {
  const warn = (await runKestra('pause_behavior', { behavior: 'WARN' })).execution;
  assert.equal(warn.state.current, 'WARNING');
  assert.deepEqual(history(taskRun(warn, 'pause').state), ['CREATED', 'RUNNING', 'PAUSED', 'WARNING']);
  assert.equal(taskRun(warn, 'last').state.current, 'SUCCESS');

  const fail = (await runKestra('pause_behavior', { behavior: 'FAIL' })).execution;
  assert.equal(fail.state.current, 'FAILED');
  assert.deepEqual(history(taskRun(fail, 'pause').state), ['CREATED', 'RUNNING', 'PAUSED', 'FAILED']);
  assert.deepEqual(states(fail), { pause: 'FAILED' });

  const cancel = (await runKestra('pause_behavior', { behavior: 'CANCEL' })).execution;
  assert.equal(cancel.state.current, 'CANCELLED');
  assert.deepEqual(states(cancel), { pause: 'CANCELLED' });
});

test('PauseTest#run: a Pause nothing can resume leaves the execution PAUSED (onPause ran, finally did not)', async () => {
  const { execution } = await runKestra('pause_forever');
  assert.equal(execution.state.current, 'PAUSED');
  assert.deepEqual(states(execution), { pause: 'PAUSED', notify: 'SUCCESS' });
  assert.deepEqual(messages(execution, 'notify'), ['waiting for approval']);
});

test('RetryCaseTest#retryFailedFlowAttempts: a flow-level retry gives the failing task 4 attempts', async () => {
  const { execution } = await runKestra('retry_flow_level');
  assert.equal(execution.state.current, 'FAILED');
  assert.equal(attempts(execution, 'fail'), 4);
});

test('RetryCaseTest#retryFlowable / #retryFlowableParallel: a flowable\'s retry re-runs its failed children', async () => {
  const seq = (await runKestra('retry_flowable')).execution;
  assert.equal(seq.state.current, 'FAILED');
  assert.equal(seq.taskRunList[1].taskId, 'child');
  assert.equal(attempts(seq, 'child'), 3);
  assert.equal(attempts(seq, 'block'), 0, 'the flowable itself has no attempts');

  const par = (await runKestra('retry_flowable_parallel')).execution;
  assert.equal(par.state.current, 'FAILED');
  assert.ok(attempts(par, 'child', '0') >= 2 && attempts(par, 'child', '1') >= 2);
});

test('RetryCaseTest#retryNewExecutionTaskAttempts: CREATE_NEW_EXECUTION makes executions RETRIED, RETRIED, FAILED', async () => {
  const ended: Execution[] = [];
  const { execution } = await runKestra('retry_new_execution', {}, { onExecution: (e) => ended.push(e) });
  assert.deepEqual(ended.map((e) => e.state.current), ['RETRIED', 'RETRIED', 'FAILED']);
  assert.equal(execution, ended[2]);
  assert.equal(new Set(ended.map((e) => e.id)).size, 3, 'each is a new execution');
  assert.ok(ended.every((e) => e.originalId === ended[0].id));
  assert.deepEqual(states(ended[0]), { fail: 'RETRIED' });
});

test('ForEachTest (nested): outputs are keyed by every parent value', async () => {
  const { execution } = await runKestra('foreach_nested_outputs');
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(messages(execution, 'read'), ['a-1', 'a-2', 'b-1', 'b-2']);
  assert.deepEqual(messages(execution, 'summary'), ['b-1 a-2']);
});

test('kv SetTest: a rendered map stays a map; a namespace that does not exist fails like Kestra', async () => {
  const kv = new Map<string, Map<string, unknown>>();
  const { execution } = await runKestra('kv_typed', {}, { services: { kv } });
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(execution.logs.map((l) => l.message)));
  assert.deepEqual(kv.get('test.kestra.kv')!.get('config'), { int: 1, string: 'string', list: [1, 2] });
  assert.deepEqual(messages(execution, 'read'), ['42 2']);
  // a parent namespace of the flow's exists; an unrelated one does not
  const parent = await runKestra('kv_typed', { target: 'test.kestra' }, { services: { kv: new Map() } });
  assert.equal(parent.execution.state.current, 'SUCCESS');
  const missing = await runKestra('kv_typed', { target: 'not-found' }, { services: { kv: new Map() } });
  assert.equal(missing.execution.state.current, 'FAILED');
  assert.deepEqual(messages(missing.execution, 'set_map'), ["Cannot access the KV store. The namespace 'not-found' does not exist."]);
});

test('BadFlowableTest#flowableWithParentFail: a syntax error in a nested If condition fails at run time with 5 task runs', async () => {
  const { parseFlow } = await import('../../src/engine');
  const { readFileSync } = await import('node:fs');
  const { KESTRA_FIXTURES } = await import('./kestraHarness');
  const parsed = parseFlow(readFileSync(`${KESTRA_FIXTURES}/bad_flowable_condition.yaml`, 'utf8'));
  assert.equal(parsed.errors.length, 0, 'a template problem is a warning, not an error');
  assert.ok(parsed.warnings.some((w) => w.path.endsWith('condition')));
  const { execution } = await runKestra('bad_flowable_condition');
  assert.equal(execution.state.current, 'FAILED');
  assert.equal(execution.taskRunList.length, 5);
});

test('ForEach with null values fails with Kestra\'s wording', async () => {
  const { execution } = await runKestra('foreach_null_values');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(messages(execution, 'each'), ["Found '1' null values on Each, with values=[a, null, 2, null]"]);
});
