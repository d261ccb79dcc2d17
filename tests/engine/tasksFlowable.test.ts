import { test } from 'node:test';
import assert from 'node:assert/strict';
import { history, messages, runFixture, states, taskRun } from './executionHarness';
import { taskDefinition } from '../../src/engine/tasks/registry';

test('If runs then for a true condition and ends SUCCESS with no children for false without else', async () => {
  const { execution } = await runFixture('if_branches', { inputs: { taxi: 'yellow' } });
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(states(execution), { if_yellow: 'SUCCESS', yellow_log: 'SUCCESS', if_green: 'SUCCESS' });
  assert.deepEqual(taskRun(execution, 'if_yellow').outputs, { evaluationResult: true });
  assert.deepEqual(taskRun(execution, 'if_green').outputs, { evaluationResult: false });
  assert.equal(execution.taskRunList.filter((t) => t.parentTaskRunId === taskRun(execution, 'if_green').id).length, 0);
  assert.equal(taskRun(execution, 'yellow_log').parentTaskRunId, taskRun(execution, 'if_yellow').id);

  const { execution: green } = await runFixture('if_branches', { inputs: { taxi: 'green' } });
  assert.deepEqual(states(green), { if_yellow: 'SUCCESS', other_log: 'SUCCESS', if_green: 'SUCCESS', green_log: 'SUCCESS' });
});

test('Switch runs the matching case, else defaults, with outputs value and defaults', async () => {
  const { execution } = await runFixture('switch_cases', { inputs: { color: 'yellow' } });
  assert.deepEqual(states(execution), { switch: 'SUCCESS', yellow_case: 'SUCCESS' });
  assert.deepEqual(taskRun(execution, 'switch').outputs, { value: 'yellow', defaults: false });
  const { execution: other } = await runFixture('switch_cases', { inputs: { color: 'Yellow' } });
  assert.deepEqual(states(other), { switch: 'SUCCESS', default_case: 'SUCCESS' });
  assert.deepEqual(taskRun(other, 'switch').outputs, { value: 'Yellow', defaults: true });
});

test('Switch with no matching case and no defaults fails', async () => {
  const { execution } = await runFixture('switch_no_match');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(states(execution), { switch: 'FAILED' });
  assert.match(messages(execution, 'switch')[0], /No task found/);
});

test('ForEach: distinct values in order, taskrun.value / iteration, outputs by value, parent.taskrun.value, JSON values', async () => {
  const { execution } = await runFixture('foreach_values');
  assert.equal(execution.state.current, 'SUCCESS');
  const rets = execution.taskRunList.filter((t) => t.taskId === 'ret');
  assert.deepEqual(rets.map((t) => [t.value, t.iteration]), [['a', 0], ['b', 1], ['c', 2]]);
  assert.deepEqual(rets.map((t) => t.outputs), [{ value: 'a-0' }, { value: 'b-1' }, { value: 'c-2' }]);
  assert.deepEqual(messages(execution, 'use'), ['a saw a-0', 'b saw b-1', 'c saw c-2']);
  assert.deepEqual(messages(execution, 'show'), ['value 1', 'value {"k":"v"}']);
  assert.deepEqual(messages(execution, 'after'), ['b gave b-1']);
  // concurrencyLimit 1 (default): each group finishes before the next starts
  const useA = taskRun(execution, 'use', 'a');
  const retB = taskRun(execution, 'ret', 'b');
  assert.ok(useA.state.histories.at(-1)!.date < retB.state.histories[0].date);
});

test('ForEach stops at the first failed group and ends FAILED', async () => {
  const { execution } = await runFixture('foreach_failure');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(states(execution), { each: 'FAILED', 'check[ok]': 'SUCCESS', 'check[bad]': 'FAILED' });
});

test('Parallel starts its tasks together; concurrent: 1 runs them one at a time', async () => {
  const { execution } = await runFixture('parallel_sleeps');
  assert.equal(execution.state.current, 'SUCCESS');
  const started = (id: string) => Date.parse(taskRun(execution, id).state.histories.find((h) => h.state === 'RUNNING')!.date);
  const ended = (id: string) => Date.parse(taskRun(execution, id).state.histories.at(-1)!.date);
  // both started before either ended; the 1 s sleep ended before the 2 s one
  assert.ok(started('fast') < ended('slow') && started('slow') < ended('fast'));
  assert.ok(ended('fast') < ended('slow'));
  assert.ok(ended('slow') - started('slow') >= 2000);
  // concurrent: 1
  assert.ok(ended('one') <= started('two'));
});

test('local errors of a flowable run after a child fails; the flowable and the execution end FAILED', async () => {
  const { execution } = await runFixture('local_errors');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(states(execution), { block: 'FAILED', inner_fail: 'FAILED', local_handler: 'SUCCESS' });
  assert.equal(taskRun(execution, 'local_handler').parentTaskRunId, taskRun(execution, 'block').id);
  assert.deepEqual(history(taskRun(execution, 'block').state), ['CREATED', 'RUNNING', 'FAILED']);
  assert.equal(taskRun(execution, 'block').attempts.length, 0, 'flowables have no attempts');
});

test('flowables declare their branches with paths relative to the task', () => {
  const sw = taskDefinition('io.kestra.plugin.core.flow.Switch')!;
  const task = { id: 's', type: sw.type, value: 'x', cases: { yellow: [{ id: 'a', type: 't' }] }, defaults: [{ id: 'b', type: 't' }], errors: [{ id: 'c', type: 't' }] };
  assert.deepEqual(sw.branches!(task).map((b) => b.path), [['cases', 'yellow'], ['defaults'], ['errors']]);
  const iff = taskDefinition('io.kestra.plugin.core.flow.If')!;
  assert.deepEqual(iff.branches!({ id: 'i', type: iff.type, then: [], else: [] }).map((b) => b.path), [['then'], ['else']]);
  for (const t of ['Sequential', 'Parallel', 'ForEach']) {
    const d = taskDefinition(`io.kestra.plugin.core.flow.${t}`)!;
    assert.deepEqual(d.branches!({ id: 'x', type: d.type, tasks: [] }).map((b) => b.path), [['tasks']]);
  }
});

test('Labels merges map and list labels into the execution; system. keys are rejected', async () => {
  const { execution } = await runFixture('labels_task');
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(execution.labels, { team: 'data', file: 'labels_task.csv', taxi: 'yellow', month: '01' });
  assert.deepEqual(messages(execution, 'show'), ['labels_task.csv 01']);
  const { execution: bad } = await runFixture('labels_system');
  assert.equal(bad.state.current, 'FAILED');
  assert.match(messages(bad, 'reserved')[0], /system\./);
});
