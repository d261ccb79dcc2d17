import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration } from '../../src/engine/runtime/parseDuration';
import { hmsDuration, javaDurationString } from '../../src/engine/runtime/formatDuration';
import { parseRetry } from '../../src/engine/runtime/retryPolicy';
import { fakeClock } from '../../src/engine/runtime/Clock';
import { reduceExecution } from '../../src/engine';

test('parseDuration reads ISO-8601 durations as Kestra does', () => {
  assert.equal(parseDuration('PT15S'), 15_000);
  assert.equal(parseDuration('PT0.25S'), 250);
  assert.equal(parseDuration('PT1H30M'), 5_400_000);
  assert.equal(parseDuration('P1D'), 86_400_000);
  assert.equal(parseDuration('P1DT2H'), 93_600_000);
  for (const bad of ['15s', 'PT', 'P', '1H', 'PTS']) assert.throws(() => parseDuration(bad), /ISO-8601/);
});

test('durations print as java.time.Duration and as Kestra\'s timeout message', () => {
  assert.equal(javaDurationString(15_000), 'PT15S');
  assert.equal(javaDurationString(60_000), 'PT1M');
  assert.equal(javaDurationString(5_400_000), 'PT1H30M');
  assert.equal(javaDurationString(250), 'PT0.25S');
  assert.equal(hmsDuration(60_000), '00:01:00.000');
  assert.equal(hmsDuration(3_723_004), '01:02:03.004');
});

test('retry policies: maxAttempt or maxAttempts, constant / exponential / random delays', () => {
  const c = parseRetry({ type: 'constant', interval: 'PT2S', maxAttempts: 3 })!;
  assert.equal(c.maxAttempt, 3);
  assert.equal(c.delayMs(1), 2000);
  const e = parseRetry({ type: 'exponential', interval: 'PT1S', maxInterval: 'PT5S', maxAttempt: 10 })!;
  assert.deepEqual([1, 2, 3, 4].map((n) => e.delayMs(n)), [1000, 2000, 4000, 5000]);
  const f = parseRetry({ type: 'exponential', interval: 'PT1S', maxInterval: 'PT1M', delayFactor: 3 })!;
  assert.deepEqual([1, 2, 3].map((n) => f.delayMs(n)), [1000, 3000, 9000]);
  const r = parseRetry({ type: 'random', minInterval: 'PT1S', maxInterval: 'PT3S' }, () => 0.5)!;
  assert.equal(r.delayMs(1), 2000);
  assert.equal(parseRetry(undefined), null);
  assert.throws(() => parseRetry({ type: 'constant' }), /interval/);
  assert.throws(() => parseRetry({ type: 'linear', interval: 'PT1S' }), /Unknown retry type/);
});

test('the fake clock fires sleeps in due order, in virtual time', async () => {
  const clock = fakeClock('2025-01-01T00:00:00.000Z');
  const order: string[] = [];
  await Promise.all([clock.sleep(3000).then(() => order.push('3s')), clock.sleep(1000).then(() => order.push('1s')), clock.sleep(2000).then(() => order.push('2s'))]);
  assert.deepEqual(order, ['1s', '2s', '3s']);
  assert.ok(clock.now().getTime() >= Date.parse('2025-01-01T00:00:03.000Z'));
  const aborted = new AbortController();
  const p = clock.sleep(1000, aborted.signal);
  aborted.abort();
  await assert.rejects(p, { name: 'AbortError' });
});

test('the reducer appends a log without touching the task run list', () => {
  let exec = reduceExecution(null, {
    type: 'execution.created',
    at: 't0',
    execution: { id: 'e', namespace: 'n', flowId: 'f', inputs: {}, labels: {}, variables: {}, originalId: 'e' },
  });
  exec = reduceExecution(exec, { type: 'taskrun.created', at: 't1', taskRun: { id: 'r1', taskId: 'a', taskType: 'x', parentTaskRunId: null, value: null } });
  const list = exec!.taskRunList;
  const next = reduceExecution(exec, { type: 'log', at: 't2', level: 'INFO', message: 'hi', taskRunId: 'r1', taskId: 'a' });
  assert.equal(next!.taskRunList, list);
  assert.equal(next!.logs.length, 1);
  assert.equal(exec!.logs.length, 0, 'the previous snapshot is not mutated');
  const moved = reduceExecution(next, { type: 'taskrun.state', at: 't3', taskRunId: 'r1', state: 'RUNNING' });
  assert.notEqual(moved!.taskRunList, list);
  assert.equal(list[0].state.current, 'CREATED');
});
