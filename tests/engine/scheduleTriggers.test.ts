import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeClock, parseFlow, sequentialIds, type Execution } from '../../src/engine';
import { formatFlowError } from '../../src/engine/flow/errorMessages';
import { Scheduler, type SchedulerOptions } from '../../src/engine/triggers/Scheduler';
import type { SchedulerEvent } from '../../src/engine/triggers/SchedulerEvent';
import { startTriggeredRun } from '../../src/engine/triggers/startTriggeredRun';
import { scheduleTrigger } from '../../src/engine/triggers/ScheduleTrigger';
import { fixtureFlow, flowFromSource, messages } from './executionHarness';
import { readFlow } from './runFlowFile';

const triggerFlow = (name: string) => flowFromSource(readFlow(`tests/fixtures/triggers/${name}.yaml`));

/** A scheduler on a virtual clock that starts at `start`, recording every event and ended execution. */
function harness(flowName: string, start: string, extra: Partial<SchedulerOptions> = {}) {
  const clock = fakeClock(start);
  const events: SchedulerEvent[] = [];
  const ended: Execution[] = [];
  const scheduler = new Scheduler({
    flows: [triggerFlow(flowName)],
    clock,
    services: { clock, newId: sequentialIds('x') },
    onEvent: (e) => {
      events.push(e);
      if (e.type === 'execution.ended') ended.push(e.execution);
    },
    ...extra,
  });
  return { scheduler, events, ended, clock };
}

const running = (e: Execution) => {
  const h = e.state.histories;
  return { start: Date.parse(h.find((x) => x.state === 'RUNNING')!.date), end: Date.parse(h[h.length - 1].date) };
};

function assertNoOverlap(executions: Execution[]): void {
  const spans = executions.map(running).sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i].start >= spans[i - 1].end, `execution ${i} starts before ${i - 1} ends`);
}

test('each trigger has its own state: next tick, words for its cron, enabled', () => {
  const { scheduler } = harness('monthly_log', '2021-01-15T00:00:00Z');
  const [green, yellow] = scheduler.triggers();
  assert.equal(green.triggerId, 'green_monthly');
  assert.equal(green.nextExecutionDate, '2021-02-01T09:00:00Z');
  assert.deepEqual(green.upcoming.slice(0, 2), ['2021-02-01T09:00:00Z', '2021-03-01T09:00:00Z']);
  assert.deepEqual(green.description, { en: 'At 09:00, on day 1 of the month (UTC)', 'zh-TW': '在 09:00，每月的 1 號（UTC）' });
  assert.equal(green.enabled, true);
  assert.equal(yellow.nextExecutionDate, '2021-02-01T10:00:00Z');
  assert.equal(green.backfill, null);
});

test('moving the clock creates one execution per tick passed, in tick order, as the trigger makes them', async () => {
  // Kestra's scheduler evaluates a trigger at its stored next date and computes the next one from that tick (Schedule.nextEvaluationDate), so every tick passed runs
  const { scheduler, ended, events } = harness('monthly_log', '2021-01-01T00:00:00Z');
  await scheduler.advanceTo('2021-03-01T12:00:00Z');
  const created = events.filter((e) => e.type === 'execution.created');
  assert.deepEqual(
    created.map((e) => e.type === 'execution.created' && `${e.trigger.triggerId} ${e.tick}`),
    [
      'green_monthly 2021-01-01T09:00:00Z',
      'yellow_monthly 2021-01-01T10:00:00Z',
      'green_monthly 2021-02-01T09:00:00Z',
      'yellow_monthly 2021-02-01T10:00:00Z',
      'green_monthly 2021-03-01T09:00:00Z',
      'yellow_monthly 2021-03-01T10:00:00Z',
    ],
  );
  assert.equal(ended.length, 6);
  const first = ended.find((e) => e.trigger?.variables.date === '2021-01-01T09:00:00Z')!;
  assert.deepEqual(first.trigger, {
    id: 'green_monthly',
    type: 'io.kestra.plugin.core.trigger.Schedule',
    variables: { date: '2021-01-01T09:00:00Z', next: '2021-02-01T09:00:00Z', previous: '2020-12-01T09:00:00Z' },
  });
  assert.deepEqual(first.inputs, { taxi: 'green' });
  assert.deepEqual(first.labels, { source: 'schedule' });
  assert.deepEqual(messages(first, 'log'), ['green 2021-01']);
  const yellow = ended.find((e) => e.trigger?.id === 'yellow_monthly')!;
  assert.deepEqual(yellow.inputs, { taxi: 'yellow' });
  assert.deepEqual(yellow.labels, {});
  // concurrency limit 1: the six executions ran one after another
  assertNoOverlap(ended);
  assert.ok(ended.every((e) => e.state.current === 'SUCCESS'));
  assert.equal(scheduler.trigger('green_monthly').nextExecutionDate, '2021-04-01T09:00:00Z');
});

test('"fire the next tick now" moves the clock to that tick and creates only what is due by then', async () => {
  const { scheduler, ended } = harness('monthly_log', '2021-01-15T00:00:00Z');
  const tick = await scheduler.fireNext('yellow_monthly');
  assert.equal(tick?.toISOString(), '2021-02-01T10:00:00.000Z');
  // green's 09:00 tick came first, so it fired too
  assert.deepEqual(ended.map((e) => `${e.trigger!.id} ${e.trigger!.variables.date}`).sort(), ['green_monthly 2021-02-01T09:00:00Z', 'yellow_monthly 2021-02-01T10:00:00Z']);
  await scheduler.fireNext();
  assert.equal(ended.length, 3);
  assert.equal(ended[2].trigger!.variables.date, '2021-03-01T09:00:00Z');
  assert.ok(scheduler.now().getTime() >= Date.parse('2021-03-01T09:00:00Z'));
  await assert.rejects(() => scheduler.advanceTo('2020-01-01T00:00:00Z'), /cannot go back in time/);
});

test('a backfill: one execution per tick from start to end, both included, one at a time, with its labels and the trigger inputs', async () => {
  const { scheduler, ended, events } = harness('monthly_log', '2021-01-15T00:00:00Z');
  const status = scheduler.startBackfill('green_monthly', { start: '2020-03-01T09:00:00Z', end: '2020-06-01T09:00:00Z', labels: { backfill: 'true' } });
  assert.equal(status.total, 4);
  assert.equal(status.previousNextExecutionDate, '2021-02-01T09:00:00Z');
  await scheduler.idle();
  // the tick on start is included (Kestra PR #18911), the tick on end too (Trigger.checkBackfill stops after it)
  assert.deepEqual(ended.map((e) => e.trigger!.variables.date), ['2020-03-01T09:00:00Z', '2020-04-01T09:00:00Z', '2020-05-01T09:00:00Z', '2020-06-01T09:00:00Z']);
  assert.deepEqual(ended.map((e) => messages(e, 'log')[0]), ['green 2020-03', 'green 2020-04', 'green 2020-05', 'green 2020-06']);
  for (const e of ended) assert.deepEqual(e.labels, { source: 'schedule', backfill: 'true' });
  assertNoOverlap(ended);
  // progress: n of N with the current tick, then done; the trigger's schedule is back where it was
  const progress = events.filter((e) => e.type === 'backfill').map((e) => e.type === 'backfill' && `${e.backfill.created}/${e.backfill.total} ${e.backfill.phase}`);
  assert.equal(progress[0], '0/4 running');
  assert.ok(progress.includes('4/4 finishing'));
  assert.equal(progress[progress.length - 1], '4/4 done');
  const green = scheduler.trigger('green_monthly');
  assert.equal(green.backfill, null);
  assert.equal(green.nextExecutionDate, '2021-02-01T09:00:00Z');
});

test('backfill inputs override the trigger inputs (Schedule.generateInputs); none given, the trigger inputs apply', async () => {
  const { scheduler, ended } = harness('monthly_log', '2021-01-15T00:00:00Z');
  scheduler.startBackfill('green_monthly', { start: '2020-03-01', end: '2020-04-30', inputs: { taxi: 'yellow' } });
  await scheduler.idle();
  assert.deepEqual(ended.map((e) => e.inputs.taxi), ['yellow', 'yellow']);
  assert.deepEqual(ended.map((e) => e.trigger!.id), ['green_monthly', 'green_monthly']);
  scheduler.startBackfill('green_monthly', { start: '2020-03-01', end: '2020-03-31' });
  await scheduler.idle();
  assert.equal(ended[2].inputs.taxi, 'green');
});

test('pause stops creating executions, continue goes on, delete drops the rest and the schedule resumes', async () => {
  const { scheduler, ended, events } = harness('monthly_log', '2021-01-15T00:00:00Z');
  scheduler.subscribe((e) => {
    // pause as soon as the first execution is created (the learner clicks Pause)
    if (e.type === 'execution.created' && e.tick === '2020-03-01T09:00:00Z') scheduler.pauseBackfill('green_monthly');
  });
  scheduler.startBackfill('green_monthly', { start: '2020-03-01', end: '2020-08-01' });
  await scheduler.idle();
  assert.equal(ended.length, 1, 'the running execution ends; nothing new starts while paused');
  const paused = scheduler.trigger('green_monthly').backfill!;
  assert.deepEqual([paused.paused, paused.phase, paused.created, paused.total, paused.currentDate], [true, 'paused', 1, 5, '2020-04-01T09:00:00Z']);
  // no new tick either: a paused backfill holds the trigger (Schedule.evaluate returns nothing)
  await scheduler.advanceTo('2021-02-02T00:00:00Z');
  assert.equal(ended.filter((e) => e.trigger!.id === 'green_monthly').length, 1);
  scheduler.continueBackfill('green_monthly');
  await new Promise<void>((resolve) => {
    const off = scheduler.subscribe((e) => {
      if (e.type === 'execution.ended' && e.execution.trigger?.variables.date === '2020-04-01T09:00:00Z') {
        off();
        scheduler.deleteBackfill('green_monthly');
        resolve();
      }
    });
  });
  await scheduler.idle();
  const dates = ended.map((e) => e.trigger!.variables.date);
  // May to August were dropped; the schedule's own Feb 1 tick, passed meanwhile, runs once the backfill is gone
  assert.ok(dates.includes('2020-04-01T09:00:00Z'));
  assert.ok(!dates.includes('2020-05-01T09:00:00Z'));
  assert.ok(dates.includes('2021-02-01T09:00:00Z'));
  const last = events.filter((e) => e.type === 'backfill').pop();
  assert.ok(last?.type === 'backfill');
  assert.deepEqual([last.backfill.phase, last.backfill.created, last.backfill.ended, last.backfill.currentDate], ['deleted', 2, 2, null]);
});

test('with concurrency limit 1 a second backfill and a manual run started meanwhile wait in QUEUED', async () => {
  const { scheduler, ended, events, clock } = harness('monthly_log', '2021-01-15T00:00:00Z');
  const flow = triggerFlow('monthly_log');
  let manual: Promise<Execution> | null = null;
  scheduler.subscribe((e) => {
    // while the first month runs: the learner starts the other trigger's backfill, then clicks Execute
    if (!manual && e.type === 'execution.event' && e.event.type === 'execution.state' && e.event.state === 'RUNNING') {
      scheduler.startBackfill('yellow_monthly', { start: '2020-03-01', end: '2020-03-31' });
      manual = scheduler.concurrency.run(flow, { inputs: { taxi: 'green' }, services: { clock } });
    }
  });
  scheduler.startBackfill('green_monthly', { start: '2020-03-01', end: '2020-04-30' });
  await scheduler.idle();
  const manualRun = await manual!;
  const queued = new Set(events.filter((e) => e.type === 'execution.event' && e.event.type === 'execution.state' && e.event.state === 'QUEUED').map((e) => e.type === 'execution.event' && e.executionId));
  const yellow = ended.find((e) => e.trigger?.id === 'yellow_monthly')!;
  assert.ok(queued.has(yellow.id), 'the second backfill queues');
  assert.deepEqual(manualRun.state.histories.map((h) => h.state).slice(0, 3), ['CREATED', 'QUEUED', 'RUNNING'], 'the manual run queues');
  assert.equal(manualRun.state.current, 'FAILED', 'and fails on `trigger`, as a manual run of a scheduled flow does');
  assert.match(messages(manualRun).join('\n'), /Unable to find `trigger`/);
  // one at a time; green April is created only once green March has ended (the trigger's lock), so it queues last
  const all = [...ended, manualRun].sort((a, b) => running(a).start - running(b).start);
  const order = all.map((e) => (e.trigger ? `${e.trigger.id} ${e.trigger.variables.date}` : 'manual'));
  assert.equal(order[0], 'green_monthly 2020-03-01T09:00:00Z');
  assert.deepEqual(order.slice(1, 3).sort(), ['manual', 'yellow_monthly 2020-03-01T10:00:00Z']);
  assert.equal(order[3], 'green_monthly 2020-04-01T09:00:00Z');
  assertNoOverlap(all);
});

test('what a backfill refuses, in both languages', () => {
  const { scheduler } = harness('monthly_log', '2021-01-15T00:00:00Z');
  const refuses = (fn: () => unknown, code: string, zh: RegExp) =>
    assert.throws(fn, (e: unknown) => (e as { code?: string }).code === code && zh.test((e as { messageIn(l: string): string }).messageIn('zh-TW')));
  refuses(() => scheduler.startBackfill('blue_monthly', { start: '2020-01-01' }), 'no-trigger', /沒有名為 `blue_monthly` 的 Schedule 觸發器；它的 Schedule 觸發器有 `green_monthly`, `yellow_monthly`/);
  refuses(() => scheduler.startBackfill('green_monthly', { start: '' }), 'backfill-start', /回填需要開始時間/);
  refuses(() => scheduler.startBackfill('green_monthly', { start: 'yesterday' }), 'bad-date', /不是日期/);
  refuses(() => scheduler.startBackfill('green_monthly', { start: '2020-05-01', end: '2020-03-01' }), 'backfill-order', /早於開始時間/);
  refuses(() => scheduler.startBackfill('green_monthly', { start: '2020-05-01', end: '2030-03-01' }), 'backfill-future', /只能回填過去/);
  refuses(() => scheduler.startBackfill('green_monthly', { start: '1900-01-01' }), 'backfill-too-many', /超過 1000 個/);
  scheduler.startBackfill('green_monthly', { start: '2020-05-01' });
  refuses(() => scheduler.startBackfill('green_monthly', { start: '2020-05-01' }), 'backfill-running', /已經有一個回填/);
  scheduler.setEnabled('yellow_monthly', false);
  refuses(() => scheduler.startBackfill('yellow_monthly', { start: '2020-05-01' }), 'trigger-disabled', /已停用/);
  scheduler.dispose();
});

test('stopAfter: an execution ending FAILED disables its trigger (Trigger.resetExecution)', async () => {
  const { scheduler, ended } = harness('stop_after_failed', '2021-01-01T00:00:00Z');
  await scheduler.advanceTo('2021-01-05T00:00:00Z');
  assert.equal(ended.length, 1, 'the first failure stops the daily schedule');
  assert.equal(ended[0].state.current, 'FAILED');
  assert.match(messages(ended[0]).join('\n'), /failed on 2021-01-01T09:00:00Z/);
  const t = scheduler.trigger('daily');
  assert.deepEqual([t.enabled, t.disabledBy], [false, 'stopAfter']);
  scheduler.setEnabled('daily', true);
  await scheduler.idle();
  // enabled again, recoverMissedSchedules ALL replays the next missed tick (and stops again)
  assert.equal(ended.length, 2);
  assert.equal(ended[1].trigger!.variables.date, '2021-01-02T09:00:00Z');
});

test('after downtime, recoverMissedSchedules decides: ALL replays every missed tick, LAST the last one, NONE none', async () => {
  const { scheduler, ended } = harness('recover_missed', '2021-01-01T00:30:00Z');
  await scheduler.advanceTo('2021-01-01T03:30:00Z', { schedulerDown: true });
  const by = (id: string) => ended.filter((e) => e.trigger!.id === id).map((e) => e.trigger!.variables.date);
  assert.deepEqual(by('all'), ['2021-01-01T01:00:00Z', '2021-01-01T02:00:00Z', '2021-01-01T03:00:00Z']);
  assert.deepEqual(by('last'), ['2021-01-01T03:00:00Z']);
  assert.deepEqual(by('none'), []);
  assert.equal(scheduler.trigger('none').nextExecutionDate, '2021-01-01T04:00:00Z');
});

test('a trigger in a zone: ticks and trigger.date in that zone (ScheduleTest.timezone)', async () => {
  const source = readFlow('tests/fixtures/triggers/monthly_log.yaml').replace('cron: "0 9 1 * *"', 'cron: "0 9 1 * *"\n    timezone: America/New_York');
  const flow = flowFromSource(source);
  const clock = fakeClock('2021-01-15T00:00:00Z');
  const run = startTriggeredRun(flow, scheduleTrigger(flow, 'green_monthly')!, new Date('2020-03-01T14:00:00Z'), { services: { clock } });
  const execution = await run.done;
  assert.deepEqual(execution.trigger!.variables, { date: '2020-03-01T09:00:00-05:00', next: '2020-04-01T09:00:00-04:00', previous: '2020-02-01T09:00:00-05:00' });
  assert.deepEqual(messages(execution, 'log'), ['green 2020-03']);
});

test('an input the flow refuses ends the execution FAILED at once, naming the trigger; a label that cannot render is left out', async () => {
  const source = readFlow('tests/fixtures/triggers/monthly_log.yaml')
    .replace('taxi: green\n    labels:\n      source: schedule', 'taxi: blue\n    labels:\n      source: schedule\n      when: "{{ trigger.date }}"');
  const flow = flowFromSource(source);
  const warnings: string[] = [];
  const run = startTriggeredRun(flow, scheduleTrigger(flow, 'green_monthly')!, new Date('2020-03-01T09:00:00Z'), { services: { clock: fakeClock() }, onWarning: (m) => warnings.push(m) });
  const execution = await run.done;
  assert.equal(execution.state.current, 'FAILED');
  assert.equal(execution.taskRunList.length, 0);
  assert.equal(execution.trigger!.id, 'green_monthly');
  assert.deepEqual(execution.labels, { source: 'schedule' });
  assert.match(messages(execution).join('\n'), /Unable to evaluate the Schedule trigger 'green_monthly'[\s\S]*Invalid input for `taxi`, it must match the values `\[yellow, green\]`, but received `blue`/);
  // the scheduler's context has no dates yet (RunContextFactory.of(flow, trigger))
  assert.match(warnings.join('\n'), /Failed to render label 'when', it will be omitted/);
});

test('start() follows the clock: it sleeps until each tick and fires it', async () => {
  const source = readFlow('tests/fixtures/triggers/recover_missed.yaml').replace('cron: "0 * * * *"', 'cron: "*/5 * * * *"');
  const clock = fakeClock('2021-01-01T00:00:00Z');
  const ended: Execution[] = [];
  const scheduler = new Scheduler({ flows: [flowFromSource(source)], clock, services: { clock } });
  await new Promise<void>((resolve) => {
    scheduler.subscribe((e) => {
      if (e.type === 'execution.ended' && e.trigger.triggerId === 'all') ended.push(e.execution);
      if (ended.length === 3) {
        scheduler.stop();
        resolve();
      }
    });
    scheduler.start();
  });
  assert.deepEqual(ended.map((e) => e.trigger!.variables.date), ['2021-01-01T00:05:00Z', '2021-01-01T00:10:00Z', '2021-01-01T00:15:00Z']);
});

test('validation: Schedule properties the scheduler does not run, and other trigger types, get a warning on their line', () => {
  const src = [
    'id: w',
    'namespace: company.team',
    'tasks:',
    '  - id: hi',
    '    type: io.kestra.plugin.core.log.Log',
    '    message: hi',
    'triggers:',
    '  - id: s',
    '    type: io.kestra.plugin.core.trigger.Schedule',
    '    cron: "0 9 * * *"',
    '    lateMaximumDelay: PT1H',
    '  - id: hook',
    '    type: io.kestra.plugin.core.trigger.Webhook',
    '    key: abc',
  ].join('\n');
  const { errors, warnings } = parseFlow(src);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.map((w) => [w.code, w.line, w.path]), [
    ['trigger-property-not-run', 11, 'triggers[0].lateMaximumDelay'],
    ['trigger-not-run', 13, 'triggers[1].type'],
  ]);
  assert.match(formatFlowError(warnings[1], 'zh-TW'), /`Webhook` 觸發器在 Kestra 上有效，但這裡不會觸發/);
});

test('a fixture flow without triggers cannot be backfilled', () => {
  const scheduler = new Scheduler({ flows: [fixtureFlow('allow_failure')], clock: fakeClock() });
  assert.throws(() => scheduler.startBackfill('daily', { start: '2020-01-01' }), /has no Schedule trigger: start it with `run` instead/);
});
