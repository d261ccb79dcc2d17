import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timerClock, MAX_TIMER_DELAY, type Timers } from '../../src/engine/runtime/Clock';
import { flowFromSource, run, taskRun, messages } from './executionHarness';

/**
 * Timers on virtual time that behave as the host's do: a delay above
 * 2^31 - 1 ms fires after 1 ms (what Node and browsers do), so a clock that
 * hands a long sleep to one setTimeout fires early here as it would for real.
 */
function virtualTimers(start = Date.parse('2025-01-01T00:00:00Z')) {
  let t = start;
  let seq = 0;
  const pending: { due: number; seq: number; fn: () => void }[] = [];
  let scheduled = false;
  const fire = () => {
    scheduled = false;
    if (!pending.length) return;
    pending.sort((a, b) => a.due - b.due || a.seq - b.seq);
    const next = pending.shift()!;
    t = Math.max(t, next.due);
    next.fn();
    schedule();
  };
  const schedule = () => {
    if (scheduled || !pending.length) return;
    scheduled = true;
    setImmediate(fire);
  };
  const timers: Timers = {
    setTimeout(fn, ms) {
      const delay = ms > MAX_TIMER_DELAY ? 1 : Math.max(0, ms);
      const entry = { due: t + delay, seq: seq++, fn };
      pending.push(entry);
      schedule();
      return entry;
    },
    clearTimeout(h) {
      const i = pending.indexOf(h as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return { timers, now: () => new Date(t), elapsed: () => t - start };
}

const HOUR = 3_600_000;

test('a sleep longer than setTimeout allows waits as long as it says (timerClock on overflowing timers)', async () => {
  const v = virtualTimers();
  const clock = timerClock(v.timers, v.now);
  await clock.sleep(100_000 * HOUR);
  assert.equal(v.elapsed(), 100_000 * HOUR);
  // and a kill still stops it at once
  const stop = new AbortController();
  const p = clock.sleep(100_000 * HOUR, stop.signal);
  stop.abort();
  await assert.rejects(p, { name: 'AbortError' });
});

const services = (v: ReturnType<typeof virtualTimers>) => ({ clock: timerClock(v.timers, v.now) });

test('Sleep PT100000H and a Pause of PT1000H wait their whole duration', async () => {
  const v = virtualTimers();
  const flow = flowFromSource(`id: long_waits
namespace: test.timers
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT100000H
  - id: hold
    type: io.kestra.plugin.core.flow.Pause
    pauseDuration: PT1000H
`);
  const { execution } = await run(flow, { services: services(v) });
  assert.equal(execution.state.current, 'SUCCESS');
  assert.equal(v.elapsed(), 101_000 * HOUR);
});

test('a shell `sleep 100000000` is stopped by timeout: PT600H at 600 hours, not finished at once', async () => {
  const v = virtualTimers();
  const flow = flowFromSource(`id: long_shell_sleep
namespace: test.timers
tasks:
  - id: sh
    type: io.kestra.plugin.scripts.shell.Commands
    taskRunner:
      type: io.kestra.plugin.core.runner.Process
    timeout: PT600H
    commands:
      - sleep 100000000
`);
  const { execution } = await run(flow, { services: services(v) });
  assert.equal(execution.state.current, 'FAILED');
  assert.equal(v.elapsed(), 600 * HOUR);
  assert.ok(messages(execution, 'sh').some((m) => /Timeout/.test(m)));
  assert.equal(taskRun(execution, 'sh').state.current, 'FAILED');
});
