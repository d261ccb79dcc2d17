import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeClock, sequentialIds, type Execution } from '../../src/engine';
import { restartExecution, canRestart } from '../../src/engine/runtime/restartExecution';
import { replayExecution } from '../../src/engine/runtime/replayExecution';
import { fixtureFlow, history, messages, run, states, taskRun } from './executionHarness';

const NOW = '2026-01-01T00:00:00.000Z';

/** Runs the flow again from a starting point, with ids that cannot clash with the first run's. */
async function runFrom(name: string, start: ReturnType<typeof restartExecution>, options: Parameters<typeof run>[1] = {}) {
  return run(fixtureFlow(name), { ...options, start, services: { newId: sequentialIds('again'), ...options.services } });
}

// K ExecutionServiceTest#restartSimple: same id, RESTARTED in the history, only the failed task run runs again
test('restart: the failed task run runs again in the same execution; the one before it is kept, not re-run', async () => {
  const flow = fixtureFlow('restart_second_fails_once');
  const { execution: failed } = await run(flow);
  assert.equal(failed.state.current, 'FAILED');
  assert.deepEqual(states(failed), { first: 'SUCCESS', second: 'FAILED', on_failure: 'SUCCESS' });
  assert.equal(canRestart(failed), true);

  const start = restartExecution(failed, flow, NOW);
  // as Kestra hands it to the executor: RESTARTED with 4 histories, the failed run RESTARTED with 4, same ids
  assert.equal(start.execution.id, failed.id);
  assert.deepEqual(history(start.execution.state), ['CREATED', 'RUNNING', 'FAILED', 'RESTARTED']);
  const second = start.execution.taskRunList.find((t) => t.taskId === 'second')!;
  assert.equal(second.id, taskRun(failed, 'second').id);
  assert.deepEqual(history(second.state), ['CREATED', 'RUNNING', 'FAILED', 'RESTARTED']);
  // the errors branch's task runs are removed (flow.allErrorsWithChilds), to run again if it fails again
  assert.deepEqual(start.execution.taskRunList.map((t) => t.taskId), ['first', 'second']);

  const { execution: restarted, events } = await runFrom('restart_second_fails_once', start);
  assert.equal(restarted.state.current, 'SUCCESS', messages(restarted).join('\n'));
  assert.equal(restarted.id, failed.id);
  assert.deepEqual(history(restarted.state), ['CREATED', 'RUNNING', 'FAILED', 'RESTARTED', 'RUNNING', 'SUCCESS']);
  assert.deepEqual(states(restarted), { first: 'SUCCESS', second: 'SUCCESS', third: 'SUCCESS' });
  // first is the same task run, untouched: no new event moved it
  assert.deepEqual(taskRun(restarted, 'first'), taskRun(failed, 'first'));
  assert.ok(!events.some((e) => e.type === 'taskrun.state' && e.taskRunId === taskRun(failed, 'first').id));
  // second keeps its id and its first attempt, and adds one
  const again = taskRun(restarted, 'second');
  assert.equal(again.id, taskRun(failed, 'second').id);
  assert.deepEqual(history(again.state), ['CREATED', 'RUNNING', 'FAILED', 'RESTARTED', 'RUNNING', 'SUCCESS']);
  assert.deepEqual(again.attempts.map((a) => a.state.current), ['FAILED', 'SUCCESS']);
  // third uses first's outputs from the first run; the logs of the first run are still there
  assert.deepEqual(messages(restarted, 'third'), ['third sees first ran 1 time(s)']);
  assert.ok(messages(restarted, 'second').includes('second fails on its first attempt'));
  assert.ok(messages(restarted, 'on_failure').includes('the execution failed'));
});

test('restart: refused for a running or successful execution, with Kestra\'s messages', async () => {
  const flow = fixtureFlow('replay_chain');
  const { execution: ok } = await run(flow, { inputs: { who: 'cy' } });
  assert.equal(ok.state.current, 'SUCCESS');
  assert.equal(canRestart(ok), false);
  assert.throws(() => restartExecution(ok, flow, NOW), /No task found to restart execution from!/);
  const running: Execution = { ...ok, state: { current: 'RUNNING', histories: ok.state.histories.slice(0, 2) } };
  assert.throws(() => restartExecution(running, flow, NOW), /Execution must be terminated to be restarted, current state is 'RUNNING' !/);
});

// K ExecutionServiceTest#restartFlowable: failed children RESTARTED, their flowable parent RUNNING
test('restart inside a ForEach: the failed iteration runs again, the one that succeeded is kept', async () => {
  const flow = fixtureFlow('restart_foreach_kv');
  const kv = new Map<string, Map<string, unknown>>();
  const { execution: failed } = await run(flow, { services: { kv } });
  assert.equal(failed.state.current, 'FAILED');
  assert.equal(taskRun(failed, 'check', 'ok').state.current, 'SUCCESS');
  assert.equal(taskRun(failed, 'check', 'needs_flag').state.current, 'FAILED');

  const start = restartExecution(failed, flow, NOW);
  const byTask = (id: string, value: string | null) => start.execution.taskRunList.find((t) => t.taskId === id && t.value === value)!;
  assert.equal(byTask('each', null).state.current, 'RUNNING');
  assert.equal(byTask('check', 'needs_flag').state.current, 'RESTARTED');
  assert.equal(byTask('check', 'ok').state.current, 'SUCCESS');

  kv.set('zoomcamp.tests', new Map([['flag', 'now set']]));
  const { execution: restarted } = await runFrom('restart_foreach_kv', start, { services: { kv } });
  assert.equal(restarted.state.current, 'SUCCESS', messages(restarted).join('\n'));
  assert.equal(restarted.taskRunList.filter((t) => t.taskId === 'check').length, 2);
  assert.deepEqual(taskRun(restarted, 'check', 'ok'), taskRun(failed, 'check', 'ok'));
  assert.deepEqual(messages(restarted, 'check').filter((m) => m === 'now set'), ['now set']);
  assert.deepEqual(history(taskRun(restarted, 'each').state), ['CREATED', 'RUNNING', 'FAILED', 'RUNNING', 'SUCCESS']);
  assert.equal(taskRun(restarted, 'after').state.current, 'SUCCESS');
});

// K ExecutionServiceTest#replaySimple: a new execution; before the chosen task run copied, the chosen one RESTARTED
test('replay from the second task: a new execution, the first task run copied, the second and the rest run again', async () => {
  const flow = fixtureFlow('replay_chain');
  const { execution: first } = await run(flow, { inputs: { who: 'ana' } });
  assert.equal(first.state.current, 'SUCCESS');
  const two = taskRun(first, 'two');

  const start = replayExecution(first, two.id, sequentialIds('replay'), NOW);
  assert.notEqual(start.execution.id, first.id);
  assert.equal(start.execution.parentId, first.id);
  assert.equal(start.execution.originalId, first.originalId);
  assert.deepEqual(history(start.execution.state), ['CREATED', 'RUNNING', 'SUCCESS', 'RESTARTED']);
  assert.deepEqual(start.execution.taskRunList.map((t) => [t.taskId, t.state.current]), [['one', 'SUCCESS'], ['two', 'RESTARTED']]);
  assert.ok(start.execution.taskRunList.every((t) => !first.taskRunList.some((o) => o.id === t.id)), 'every task run has a new id');
  assert.deepEqual(history(start.execution.taskRunList[1].state), ['CREATED', 'RUNNING', 'SUCCESS', 'RESTARTED']);

  const { execution: replayed, events } = await runFrom('replay_chain', start);
  assert.equal(replayed.state.current, 'SUCCESS', messages(replayed).join('\n'));
  assert.equal(replayed.id, start.execution.id);
  assert.equal(replayed.parentId, first.id);
  assert.deepEqual(replayed.inputs, first.inputs);
  const one = taskRun(replayed, 'one');
  assert.deepEqual({ ...one, id: '' }, { ...taskRun(first, 'one'), id: '' }, 'one is a copy of the first run (new id)');
  assert.ok(!events.some((e) => e.type === 'taskrun.state' && e.taskRunId === one.id), 'one does not run again');
  assert.deepEqual(messages(replayed, 'two'), ['two sees one for ana (attempt 2)']);
  assert.deepEqual(taskRun(replayed, 'two').attempts.map((a) => a.state.current), ['SUCCESS', 'SUCCESS']);
  assert.equal(replayed.taskRunList.filter((t) => t.taskId === 'inner').length, 2);
  assert.deepEqual(messages(replayed, 'three'), ['three sees inner b']);
  // the first execution is not changed
  assert.equal(first.taskRunList.length, 6);
});

// K ExecutionServiceTest#replayFromBeginning: no task run chosen, a new execution from nothing
test('replay from the beginning: a new CREATED execution with no task runs, same inputs', async () => {
  const flow = fixtureFlow('replay_chain');
  const { execution: first } = await run(flow, { inputs: { who: 'bo' } });
  const start = replayExecution(first, null, sequentialIds('replay'), NOW);
  assert.deepEqual(history(start.execution.state), ['CREATED']);
  assert.equal(start.execution.taskRunList.length, 0);
  const { execution: replayed } = await runFrom('replay_chain', start);
  assert.equal(replayed.state.current, 'SUCCESS');
  assert.notEqual(replayed.id, first.id);
  assert.equal(replayed.taskRunList.length, first.taskRunList.length);
  assert.deepEqual(messages(replayed, 'two'), ['two sees one for bo (attempt 1)']);
});

// K ExecutionServiceTest#replayEachSeq2: a task run inside a ForEach; its parent RUNNING, the iterations before it kept
test('replay from a task run inside a ForEach: the earlier iteration is kept, the chosen one and what follows run again', async () => {
  const flow = fixtureFlow('replay_chain');
  const { execution: first } = await run(flow, { inputs: { who: 'di' } });
  const innerB = taskRun(first, 'inner', 'b');
  const start = replayExecution(first, innerB.id, sequentialIds('replay'), NOW);
  assert.deepEqual(
    start.execution.taskRunList.map((t) => [t.taskId, t.value, t.state.current]),
    [
      ['one', null, 'SUCCESS'],
      ['two', null, 'SUCCESS'],
      ['each', null, 'RUNNING'],
      ['inner', 'a', 'SUCCESS'],
      ['inner', 'b', 'RESTARTED'],
    ],
  );
  const { execution: replayed } = await runFrom('replay_chain', start, { services: { clock: fakeClock() } });
  assert.equal(replayed.state.current, 'SUCCESS', messages(replayed).join('\n'));
  assert.deepEqual(messages(replayed, 'two'), [], 'two was copied (its logs stay with the first execution)');
  assert.deepEqual(taskRun(replayed, 'inner', 'b').attempts.length, 2);
  assert.deepEqual(taskRun(replayed, 'inner', 'a').attempts.length, 1);
  assert.deepEqual(messages(replayed, 'three'), ['three sees inner b']);
});
