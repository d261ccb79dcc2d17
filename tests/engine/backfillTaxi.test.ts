import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Papa from 'papaparse';
import { systemClock, type Execution } from '../../src/engine';
import { createNodeServices, NODE_DATA_DIR } from '../../src/cli/createNodeServices';
import type { DataManifest } from '../../src/engine/data/DataManifest';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { Scheduler } from '../../src/engine/triggers/Scheduler';
import { flowFromSource, messages, states } from './executionHarness';
import { readFlow, runFlowFile } from './runFlowFile';

const FLOW = 'flows/02_postgres_taxi_scheduled.yaml';
const manifest = JSON.parse(readFileSync(join(NODE_DATA_DIR, 'manifest.json'), 'utf8')) as DataManifest;

/** Postgres's text form of a double precision value, as the md5 key casts it. */
const float8Text = (v: string) => (v === '' ? '' : String(Number(v)));

/** The md5 keys of a shipped CSV (full or sample copy), computed here the way the flow's UPDATE computes them in SQL. */
function md5Keys(file: string, dataset: 'full' | 'sample', into: Set<string>): number {
  const entry = (manifest.files as Record<string, Record<string, { path: string }>>)[`${file}.gz`][dataset];
  const text = gunzipSync(readFileSync(join(NODE_DATA_DIR, entry.path))).toString('utf8');
  const rows = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
  const p = file.startsWith('yellow') ? 'tpep' : 'lpep';
  for (const r of rows) {
    const key = r.VendorID + r[`${p}_pickup_datetime`] + r[`${p}_dropoff_datetime`] + r.PULocationID + r.DOLocationID + float8Text(r.fare_amount) + float8Text(r.trip_distance);
    into.add(createHash('md5').update(key).digest('hex'));
  }
  return rows.length;
}

async function backfill(dataset: 'full' | 'sample', triggerId: string, start: string, end: string, inputs?: Record<string, unknown>) {
  const node = await createNodeServices({ dataset });
  const ended: Execution[] = [];
  const scheduler = new Scheduler({
    flows: [flowFromSource(readFlow(FLOW))],
    services: { ...node.services, clock: systemClock, storage: new MemoryStorage() },
    onEvent: (e) => e.type === 'execution.ended' && ended.push(e.execution),
  });
  const db = await node.services.database!('postgres-zoomcamp');
  return {
    db,
    close: node.close,
    scheduler,
    run: async (more: Record<string, unknown> | undefined = inputs) => {
      ended.length = 0;
      scheduler.startBackfill(triggerId, { start, end, inputs: more, labels: { backfill: 'true' } });
      await scheduler.idle();
      return [...ended];
    },
  };
}

const count = async (db: { query(sql: string): Promise<{ rows: Record<string, unknown>[] }> }, sql: string) => Number((await db.query(sql)).rows[0].n);
const MONTHS = ['03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

test('backfill green_schedule over 2020-03…2020-12 on the full months: ten executions, one at a time, every row loaded once', async () => {
  const { db, close, run } = await backfill('full', 'green_schedule', '2020-03-01', '2020-12-31T23:59:59Z');
  try {
    const executions = await run();
    assert.equal(executions.length, 10);
    for (const [i, e] of executions.entries()) {
      assert.equal(e.state.current, 'SUCCESS', JSON.stringify(states(e)));
      assert.equal(e.trigger!.id, 'green_schedule');
      assert.equal(e.trigger!.variables.date, `2020-${MONTHS[i]}-01T09:00:00Z`);
      assert.equal(e.labels.file, `green_tripdata_2020-${MONTHS[i]}.csv`);
      assert.equal(e.labels.backfill, 'true');
      assert.equal(e.inputs.taxi, 'green', "no backfill inputs: the trigger's apply");
    }
    // concurrency limit 1 and the trigger's lock: each month starts after the previous one ended
    const spans = executions.map((e) => e.state.histories).map((h) => ({ start: Date.parse(h.find((x) => x.state === 'RUNNING')!.date), end: Date.parse(h[h.length - 1].date) }));
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i].start >= spans[i - 1].end, `month ${MONTHS[i]} overlaps the one before`);
    // the main table against an independent count of the ten files
    const keys = new Set<string>();
    let rows = 0;
    for (const m of MONTHS) rows += md5Keys(`green_tripdata_2020-${m}.csv`, 'full', keys);
    assert.ok(rows > 800_000, `${rows} rows in the ten full months`);
    assert.equal(await count(db, 'SELECT count(*) AS n FROM public.green_tripdata'), keys.size);
    assert.equal(await count(db, 'SELECT count(DISTINCT filename) AS n FROM public.green_tripdata'), 10);
    // the staging table holds the last month only
    assert.equal(await count(db, 'SELECT count(*) AS n FROM public.green_tripdata_staging'), md5Keys('green_tripdata_2020-12.csv', 'full', new Set()));
  } finally {
    await close();
  }
});

test("a backfill without inputs uses the trigger's (green); with taxi=yellow it loads yellow; a manual run fails on `trigger`", async () => {
  const { db, close, run } = await backfill('sample', 'green_schedule', '2020-03-01', '2020-04-30');
  try {
    const green = await run();
    assert.deepEqual(green.map((e) => [e.state.current, e.inputs.taxi, e.labels.file]), [
      ['SUCCESS', 'green', 'green_tripdata_2020-03.csv'],
      ['SUCCESS', 'green', 'green_tripdata_2020-04.csv'],
    ]);
    const greenKeys = new Set<string>();
    for (const m of ['03', '04']) md5Keys(`green_tripdata_2020-${m}.csv`, 'sample', greenKeys);
    assert.equal(await count(db, 'SELECT count(*) AS n FROM public.green_tripdata'), greenKeys.size);

    const yellow = await run({ taxi: 'yellow' });
    assert.deepEqual(yellow.map((e) => [e.state.current, e.inputs.taxi, e.labels.file, e.trigger!.id]), [
      ['SUCCESS', 'yellow', 'yellow_tripdata_2020-03.csv', 'green_schedule'],
      ['SUCCESS', 'yellow', 'yellow_tripdata_2020-04.csv', 'green_schedule'],
    ]);
    const yellowKeys = new Set<string>();
    for (const m of ['03', '04']) md5Keys(`yellow_tripdata_2020-${m}.csv`, 'sample', yellowKeys);
    assert.equal(await count(db, 'SELECT count(*) AS n FROM public.yellow_tripdata'), yellowKeys.size);
    assert.equal(await count(db, 'SELECT count(*) AS n FROM public.green_tripdata'), greenKeys.size, 'green untouched');
  } finally {
    await close();
  }
  const manual = await runFlowFile(FLOW, { taxi: 'green' });
  assert.equal(manual.execution.state.current, 'FAILED');
  assert.equal(states(manual.execution).set_label, 'FAILED');
  assert.match(messages(manual.execution, 'set_label').join('\n'), /Unable to find `trigger`/);
});
