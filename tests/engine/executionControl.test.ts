import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExecutionControl } from '../../src/engine/runtime/ExecutionControl';
import { systemClock } from '../../src/engine/runtime/Clock';
import { history, messages, runFixture, states, taskRun } from './executionHarness';

const ms = (iso: string) => Date.parse(iso);

test('constant retry: one attempt per try, RUNNING → FAILED → RETRYING → RUNNING, then SUCCESS', async () => {
  const { execution } = await runFixture('retry_constant');
  const flaky = taskRun(execution, 'flaky');
  assert.equal(flaky.state.current, 'SUCCESS');
  assert.equal(flaky.attempts.length, 3);
  assert.deepEqual(flaky.attempts.map((a) => a.state.current), ['FAILED', 'FAILED', 'SUCCESS']);
  assert.deepEqual(history(flaky.attempts[0].state), ['RUNNING', 'FAILED']);
  assert.deepEqual(history(flaky.state), ['CREATED', 'RUNNING', 'FAILED', 'RETRYING', 'RUNNING', 'FAILED', 'RETRYING', 'RUNNING', 'SUCCESS']);
  // the interval (PT5S, virtual time) separates the attempts
  const gap = ms(flaky.attempts[1].state.histories[0].date) - ms(flaky.attempts[0].state.histories.at(-1)!.date);
  assert.ok(gap >= 5000 && gap < 5100, `gap ${gap}`);
  // the execution waits in RETRYING meanwhile
  assert.ok(history(execution.state).includes('RETRYING'));
  // warningOnRetry: success after a retry ends WARNING
  assert.equal(taskRun(execution, 'flaky_warn').state.current, 'WARNING');
  assert.equal(taskRun(execution, 'flaky_warn').attempts.length, 2);
  assert.equal(execution.state.current, 'WARNING');
});

test('exponential retry stops at maxAttempt; delays double up to maxInterval; the execution ends FAILED', async () => {
  const { execution } = await runFixture('retry_exponential');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(states(execution), { always_fails: 'FAILED' });
  const run = taskRun(execution, 'always_fails');
  assert.equal(run.attempts.length, 4);
  assert.ok(run.attempts.every((a) => a.state.current === 'FAILED'));
  assert.deepEqual(messages(execution, 'always_fails').filter((m) => m.startsWith('attempt')), ['attempt 0', 'attempt 1', 'attempt 2', 'attempt 3']);
  const gaps = run.attempts.slice(1).map((a, i) => ms(a.state.histories[0].date) - ms(run.attempts[i].state.histories.at(-1)!.date));
  const rounded = gaps.map((g) => Math.floor(g / 1000));
  assert.deepEqual(rounded, [1, 2, 3]);
});

// Kestra TimeoutTest#timeout: FAILED, and two log lines with "Timeout" (the message, then the exception at TRACE)
test('timeout fails a task that runs too long, with Kestra\'s message', async () => {
  const { execution } = await runFixture('timeout_sleep');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(states(execution), { too_slow: 'FAILED' });
  assert.deepEqual(messages(execution, 'too_slow'), ['Waiting for PT10S', 'Timeout after 00:00:01.000', 'io.kestra.core.exceptions.TimeoutExceededException: Timeout after 00:00:01.000']);
  assert.equal(execution.logs.filter((l) => l.message.includes('Timeout')).length, 2);
  assert.deepEqual(execution.logs.filter((l) => l.message.includes('Timeout')).map((l) => l.level), ['ERROR', 'TRACE']);
  const run = taskRun(execution, 'too_slow');
  const took = ms(run.state.histories.at(-1)!.date) - ms(run.state.histories[1].date);
  assert.ok(took >= 1000 && took < 10_000, `took ${took}`);
});

test('kill: the running Sleep stops, the execution goes KILLING → KILLED, later tasks are never created', async () => {
  const control = new ExecutionControl();
  const { execution } = await runFixture('kill_sleep', {
    control,
    emit: (e) => {
      if (e.type === 'log' && e.message === 'Waiting for PT1H') control.kill();
    },
  });
  assert.equal(execution.state.current, 'KILLED');
  assert.deepEqual(history(execution.state), ['CREATED', 'RUNNING', 'KILLING', 'KILLED']);
  assert.deepEqual(states(execution), { first: 'SUCCESS', long_sleep: 'KILLED' });
  assert.deepEqual(history(taskRun(execution, 'long_sleep').state), ['CREATED', 'RUNNING', 'KILLING', 'KILLED']);
});

test('kill with the real clock: an hour-long Sleep ends promptly through the abort signal', async () => {
  const controller = new AbortController();
  const { execution } = await runFixture('kill_sleep', {
    signal: controller.signal,
    services: { clock: systemClock },
    emit: (e) => {
      if (e.type === 'taskrun.state' && e.state === 'RUNNING') setTimeout(() => controller.abort(), 0);
    },
  });
  assert.equal(execution.state.current, 'KILLED');
  assert.ok(!execution.taskRunList.some((t) => t.taskId === 'never'));
});

test('Pause: task run and execution go PAUSED until resumed; onResume inputs become outputs', async () => {
  const control = new ExecutionControl();
  const seen: string[] = [];
  control.onPause = (p) => {
    seen.push(p.taskId);
    assert.deepEqual(control.paused.map((x) => x.taskId), ['wait_for_approval']);
    setTimeout(() => control.resume(p.taskRunId, { approved: true }), 0);
  };
  const { execution } = await runFixture('pause_resume', { control });
  assert.deepEqual(seen, ['wait_for_approval']);
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(history(execution.state), ['CREATED', 'RUNNING', 'PAUSED', 'RUNNING', 'SUCCESS']);
  const pause = taskRun(execution, 'wait_for_approval');
  assert.deepEqual(history(pause.state), ['CREATED', 'RUNNING', 'PAUSED', 'RUNNING', 'SUCCESS']);
  assert.deepEqual(pause.outputs, { onResume: { approved: true, reason: 'none given' } });
  assert.deepEqual(messages(execution, 'after'), ['approved=true reason=none given']);
  assert.equal(control.resume(), false, 'nothing left to resume');
});

test('Pause with pauseDuration resumes by itself; behavior WARN ends it WARNING', async () => {
  const { execution } = await runFixture('pause_duration');
  assert.deepEqual(states(execution), { short_pause: 'SUCCESS', warn_pause: 'WARNING', after: 'SUCCESS' });
  assert.equal(execution.state.current, 'WARNING');
  const p = taskRun(execution, 'short_pause');
  const paused = p.state.histories.find((h) => h.state === 'PAUSED')!;
  const resumed = p.state.histories.findLast((h) => h.state === 'RUNNING')!;
  assert.ok(ms(resumed.date) - ms(paused.date) >= 30_000);
});

test('Pause that is never resumed fails at its timeout', async () => {
  const { execution } = await runFixture('pause_timeout');
  assert.equal(execution.state.current, 'FAILED');
  assert.deepEqual(messages(execution, 'never_resumed'), ['Timeout after 00:10:00.000', 'io.kestra.core.exceptions.TimeoutExceededException: Timeout after 00:10:00.000']);
});

test('a paused execution can be killed', async () => {
  const control = new ExecutionControl();
  control.onPause = () => setTimeout(() => control.kill(), 0);
  const { execution } = await runFixture('pause_resume', { control });
  assert.equal(execution.state.current, 'KILLED');
  assert.deepEqual(states(execution), { wait_for_approval: 'KILLED' });
});
