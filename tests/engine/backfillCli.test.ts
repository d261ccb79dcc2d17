import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ROOT } from './runFlowFile';

const FLOW = 'flows/02_postgres_taxi_scheduled.yaml';
// started as `npm run flow` starts it (with the flag given, flow.ts does not restart itself to add it)
const flow = (args: string[]) => spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', 'src/cli/flow.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

test('command line: backfill --json prints every execution, shaped like run --json plus its trigger; --input overrides the trigger', () => {
  const green = flow(['backfill', FLOW, '--trigger', 'green_schedule', '--start', '2020-03-01', '--end', '2020-04-30', '--label', 'backfill=true', '--json']);
  assert.equal(green.status, 0, green.stderr);
  const { executions } = JSON.parse(green.stdout);
  assert.equal(executions.length, 2);
  assert.deepEqual(
    executions.map((e: { state: { current: string }; inputs: { taxi: string }; labels: Record<string, string>; trigger: { id: string; variables: { date: string } } }) => [e.state.current, e.inputs.taxi, e.labels, e.trigger.id, e.trigger.variables.date]),
    [
      ['SUCCESS', 'green', { backfill: 'true', file: 'green_tripdata_2020-03.csv', taxi: 'green' }, 'green_schedule', '2020-03-01T09:00:00Z'],
      ['SUCCESS', 'green', { backfill: 'true', file: 'green_tripdata_2020-04.csv', taxi: 'green' }, 'green_schedule', '2020-04-01T09:00:00Z'],
    ],
  );
  assert.ok(Array.isArray(executions[0].taskRunList) && executions[0].taskRunList.length > 5);
  assert.equal(executions[0].trigger.type, 'io.kestra.plugin.core.trigger.Schedule');

  const yellow = flow(['backfill', FLOW, '--trigger', 'green_schedule', '--start', '2020-03-01', '--end', '2020-03-31', '--input', 'taxi=yellow', '--json']);
  assert.equal(yellow.status, 0, yellow.stderr);
  assert.equal(JSON.parse(yellow.stdout).executions[0].labels.file, 'yellow_tripdata_2020-03.csv');
});

test('command line: run --trigger --date runs the execution of that tick; a date off the cron moves to its next tick, saying so', () => {
  const res = flow(['run', FLOW, '--trigger', 'yellow_schedule', '--date', '2020-02-01T10:00:00Z', '--json']);
  assert.equal(res.status, 0, res.stderr);
  const e = JSON.parse(res.stdout);
  assert.deepEqual(e.trigger.variables, { date: '2020-02-01T10:00:00Z', next: '2020-03-01T10:00:00Z', previous: '2020-01-01T10:00:00Z' });
  assert.equal(e.labels.file, 'yellow_tripdata_2020-02.csv');
  const off = flow(['run', FLOW, '--trigger', 'yellow_schedule', '--date', '2020-02-15', '--json']);
  assert.equal(off.status, 0, off.stderr);
  assert.match(off.stderr, /2020-02-15T00:00:00Z is not a tick of `0 10 1 \* \*` \(UTC\); the trigger fires next at 2020-03-01T10:00:00Z/);
  assert.equal(JSON.parse(off.stdout).labels.file, 'yellow_tripdata_2020-03.csv');
});

test('command line: a bad backfill exits 2 with the reason; help lists backfill', () => {
  const unknown = flow(['backfill', FLOW, '--trigger', 'blue_schedule', '--start', '2020-03-01']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /has no Schedule trigger `blue_schedule`; its Schedule triggers are `green_schedule`, `yellow_schedule`/);
  const order = flow(['backfill', FLOW, '--trigger', 'green_schedule', '--start', '2020-05-01', '--end', '2020-03-01']);
  assert.equal(order.status, 2);
  assert.match(order.stderr, /The backfill ends \(2020-03-01T00:00:00Z\) before it starts \(2020-05-01T00:00:00Z\)/);
  const noStart = flow(['backfill', FLOW, '--trigger', 'green_schedule']);
  assert.equal(noStart.status, 2);
  assert.match(noStart.stderr, /A backfill needs a start date/);
  const help = flow(['help']);
  assert.match(help.stdout, /flow -- backfill <flow\.yaml> --trigger <id> --start <ISO>/);
  assert.match(help.stdout, /flow -- run <flow\.yaml> --trigger <id> --date <ISO>/);
});
