import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeClock, type Execution } from '../../src/engine';
import { backfillFormInputs } from '../../src/engine/triggers/backfillFormInputs';
import { Scheduler } from '../../src/engine/triggers/Scheduler';
import { flowFromSource, messages } from './executionHarness';
import { readFlow } from './runFlowFile';

const taxi = () => flowFromSource(readFlow('flows/02_postgres_taxi_scheduled.yaml'));

test('0.20: the backfill form starts with the flow defaults (InputsForm.vue updateDefaults, K#6458)', () => {
  const form = backfillFormInputs(taxi(), 'green_schedule', '0.20')!;
  assert.deepEqual(form.values, { taxi: 'yellow' });
  assert.deepEqual(form.from, { taxi: 'flow-default' });
  assert.match(form.source, /v0\.20\.7.*InputsForm\.vue.*#6458/);
});

test('1.1: the backfill form starts with the trigger inputs (K PR #7913, #11943)', () => {
  const green = backfillFormInputs(taxi(), 'green_schedule', '1.1')!;
  assert.deepEqual(green.values, { taxi: 'green' });
  assert.deepEqual(green.from, { taxi: 'trigger' });
  assert.match(green.source, /#7913/);
  assert.deepEqual(backfillFormInputs(taxi(), 'yellow_schedule', '1.1')!.values, { taxi: 'yellow' });
  assert.equal(backfillFormInputs(taxi(), 'blue_schedule', '1.1'), null);
});

test("the classic mistake: in 0.20 the form's defaults override the trigger's inputs, so backfilling green loads yellow", async () => {
  const flow = flowFromSource(readFlow('tests/fixtures/triggers/monthly_log.yaml'));
  const clock = fakeClock('2021-01-15T00:00:00Z');
  const ended: Execution[] = [];
  const scheduler = new Scheduler({ flows: [flow], clock, services: { clock }, onEvent: (e) => e.type === 'execution.ended' && ended.push(e.execution) });
  for (const version of ['0.20', '1.1'] as const) {
    scheduler.startBackfill('green_monthly', { start: '2020-03-01', end: '2020-03-31', inputs: backfillFormInputs(flow, 'green_monthly', version)!.values });
    await scheduler.idle();
  }
  assert.deepEqual(ended.map((e) => messages(e, 'log')[0]), ['yellow 2020-03', 'green 2020-03']);
});
