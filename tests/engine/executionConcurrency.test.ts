import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeClock, sequentialIds, type Execution } from '../../src/engine';
import { FlowConcurrency } from '../../src/engine/runtime/FlowConcurrency';
import { ExecutionControl } from '../../src/engine/runtime/ExecutionControl';
import { fixtureFlow, history, messages } from './executionHarness';

/** Starts three executions of one flow at once through a shared FlowConcurrency. */
async function startThree(name: string, controls: ExecutionControl[] = []) {
  const concurrency = new FlowConcurrency();
  const flow = fixtureFlow(name);
  const clock = fakeClock();
  const newId = sequentialIds('x');
  const runs = [0, 1, 2].map((i) =>
    concurrency.run(flow, { executionId: `exec${i}`, control: controls[i], services: { clock, newId } }),
  );
  return { concurrency, done: Promise.all(runs) };
}

const end = (e: Execution) => Date.parse(e.state.histories.at(-1)!.date);
const runningAt = (e: Execution) => Date.parse(e.state.histories.find((h) => h.state === 'RUNNING')!.date);

test('concurrency QUEUE: extra executions wait QUEUED and run one after another', async () => {
  const { concurrency, done } = await startThree('concurrency_queue');
  assert.deepEqual(concurrency.status('zoomcamp.tests', 'concurrency_queue'), { running: ['exec0'], queued: ['exec1', 'exec2'] });
  const [a, b, c] = await done;
  assert.deepEqual(history(a.state), ['CREATED', 'RUNNING', 'SUCCESS']);
  assert.deepEqual(history(b.state), ['CREATED', 'QUEUED', 'RUNNING', 'SUCCESS']);
  assert.deepEqual(history(c.state), ['CREATED', 'QUEUED', 'RUNNING', 'SUCCESS']);
  assert.ok(end(a) <= runningAt(b) && end(b) <= runningAt(c), 'never two at once');
  assert.deepEqual(concurrency.status('zoomcamp.tests', 'concurrency_queue'), { running: [], queued: [] });
});

test('concurrency CANCEL: extra executions end CANCELLED without running a task', async () => {
  const [a, b, c] = await (await startThree('concurrency_cancel')).done;
  assert.equal(a.state.current, 'SUCCESS');
  for (const e of [b, c]) {
    assert.deepEqual(history(e.state), ['CREATED', 'CANCELLED']);
    assert.equal(e.taskRunList.length, 0);
    assert.match(messages(e)[0], /Concurrency limit of 1/);
  }
});

test('concurrency FAIL: extra executions end FAILED without running a task', async () => {
  const [a, b, c] = await (await startThree('concurrency_fail')).done;
  assert.equal(a.state.current, 'SUCCESS');
  for (const e of [b, c]) {
    assert.deepEqual(history(e.state), ['CREATED', 'FAILED']);
    assert.equal(e.taskRunList.length, 0);
  }
});

test('killing a queued execution ends it KILLED and leaves the queue', async () => {
  const controls = [new ExecutionControl(), new ExecutionControl(), new ExecutionControl()];
  const { concurrency, done } = await startThree('concurrency_queue', controls);
  controls[1].kill();
  const [a, b, c] = await done;
  assert.equal(a.state.current, 'SUCCESS');
  assert.deepEqual(history(b.state), ['CREATED', 'QUEUED', 'KILLING', 'KILLED']);
  assert.equal(b.taskRunList.length, 0);
  assert.equal(c.state.current, 'SUCCESS');
  assert.deepEqual(concurrency.status('zoomcamp.tests', 'concurrency_queue'), { running: [], queued: [] });
});
