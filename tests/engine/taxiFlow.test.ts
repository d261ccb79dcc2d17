import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createNodeServices, NODE_DATA_DIR } from '../../src/cli/createNodeServices';
import type { EngineServices, SqlDatabase } from '../../src/engine/runtime/EngineServices';
import { runFlowFile } from './runFlowFile';
import { states as statesByTask } from './executionHarness';

let services: Partial<EngineServices>;
let close: () => Promise<void>;
let db: SqlDatabase;

before(async () => {
  ({ services, close } = await createNodeServices({ dataset: 'sample' }));
  db = await services.database!('postgres-zoomcamp');
});
after(async () => close());

/** Postgres's text form of a double precision value (shortest round-trip), as the md5 key casts it. */
const float8Text = (v: string) => (v === '' ? '' : String(Number(v)));

/** Distinct md5 keys of a shipped CSV, computed here the way the flow's UPDATE computes them in SQL. */
function expectedDistinctKeys(file: string, colour: 'yellow' | 'green'): { rows: number; keys: number } {
  const text = gunzipSync(readFileSync(join(NODE_DATA_DIR, file))).toString('utf8');
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  const p = colour === 'yellow' ? 'tpep' : 'lpep';
  const keys = new Set<string>();
  for (const r of parsed.data) {
    const key = r.VendorID + r[`${p}_pickup_datetime`] + r[`${p}_dropoff_datetime`] + r.PULocationID + r.DOLocationID + float8Text(r.fare_amount) + float8Text(r.trip_distance);
    keys.add(createHash('md5').update(key).digest('hex'));
  }
  return { rows: parsed.data.length, keys: keys.size };
}

const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

test('yellow 2019-01: the main table holds one row per distinct md5 key, and a second run adds none', async () => {
  const expected = expectedDistinctKeys('yellow_tripdata_2019-01.csv.gz', 'yellow');
  const first = await runFlowFile('flows/02_postgres_taxi.yaml', { taxi: 'yellow', year: '2019', month: '01' }, { services });
  assert.equal(first.execution.state.current, 'SUCCESS', JSON.stringify(statesByTask(first.execution)));
  assert.equal(statesByTask(first.execution).green_create_table, undefined, 'the green branch does not run');
  assert.deepEqual(first.execution.labels, { ...first.execution.labels, file: 'yellow_tripdata_2019-01.csv', taxi: 'yellow' });
  const copy = first.execution.taskRunList.find((t) => t.taskId === 'yellow_copy_in_to_staging_table')!;
  assert.equal(copy.outputs?.rowCount, expected.rows);
  const extract = first.execution.taskRunList.find((t) => t.taskId === 'extract')!;
  const files = (extract.outputs as { outputFiles: Record<string, string> }).outputFiles;
  assert.deepEqual(Object.keys(files), ['yellow_tripdata_2019-01.csv']);
  assert.match(files['yellow_tripdata_2019-01.csv'], /^kestra:\/\/\/zoomcamp\/02-postgres-taxi\/executions\/.+\/tasks\/extract\/.+yellow_tripdata_2019-01\.csv$/);
  assert.equal(await count('public.yellow_tripdata_staging'), expected.rows);
  assert.equal(await count('public.yellow_tripdata'), expected.keys);
  assert.equal(Number((await db.query("SELECT count(DISTINCT unique_row_id) AS n FROM yellow_tripdata WHERE filename = 'yellow_tripdata_2019-01.csv'")).rows[0].n), expected.keys);

  const second = await runFlowFile('flows/02_postgres_taxi.yaml', { taxi: 'yellow', year: '2019', month: '01' }, { services });
  assert.equal(second.execution.state.current, 'SUCCESS');
  assert.equal(await count('public.yellow_tripdata'), expected.keys, 'a second run of the same month adds zero rows');
});

test('green 2020-03 loads next to yellow, and every column has the type of the table definition', async () => {
  const expected = expectedDistinctKeys('green_tripdata_2020-03.csv.gz', 'green');
  const { execution } = await runFlowFile('flows/02_postgres_taxi.yaml', { taxi: 'green', year: '2020', month: '03' }, { services });
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(statesByTask(execution)));
  assert.equal(await count('public.green_tripdata'), expected.keys);
  await runFlowFile('flows/02_postgres_taxi.yaml', { taxi: 'green', year: '2020', month: '03' }, { services });
  assert.equal(await count('public.green_tripdata'), expected.keys);

  const types = async (table: string) =>
    Object.fromEntries(
      (await db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`)).rows.map((r) => [r.column_name, r.data_type]),
    );
  const T = 'timestamp without time zone';
  const D = 'double precision';
  assert.deepEqual(await types('green_tripdata'), {
    unique_row_id: 'text', filename: 'text', vendorid: 'text', lpep_pickup_datetime: T, lpep_dropoff_datetime: T, store_and_fwd_flag: 'text',
    ratecodeid: 'text', pulocationid: 'text', dolocationid: 'text', passenger_count: 'integer', trip_distance: D, fare_amount: D, extra: D,
    mta_tax: D, tip_amount: D, tolls_amount: D, ehail_fee: D, improvement_surcharge: D, total_amount: D, payment_type: 'integer',
    trip_type: 'integer', congestion_surcharge: D,
  });
  assert.deepEqual(await types('yellow_tripdata'), {
    unique_row_id: 'text', filename: 'text', vendorid: 'text', tpep_pickup_datetime: T, tpep_dropoff_datetime: T, passenger_count: 'integer',
    trip_distance: D, ratecodeid: 'text', store_and_fwd_flag: 'text', pulocationid: 'text', dolocationid: 'text', payment_type: 'integer',
    fare_amount: D, extra: D, mta_tax: D, tip_amount: D, tolls_amount: D, improvement_surcharge: D, total_amount: D, congestion_surcharge: D,
  });
  // values arrive typed: a known first row of the real green 2020-03 file
  const row = (await db.query("SELECT vendorid, lpep_pickup_datetime::text AS p, passenger_count, trip_distance FROM green_tripdata ORDER BY lpep_pickup_datetime LIMIT 1")).rows[0];
  assert.equal(typeof row.passenger_count === 'number' || row.passenger_count === null, true);
  assert.equal(typeof row.trip_distance, 'number');
  assert.match(String(row.p), /^2020-02-29 22:13:49$/);
  // purge_files removed what the execution stored
  const extract = execution.taskRunList.find((t) => t.taskId === 'extract')!;
  const uri = (extract.outputs as { outputFiles: Record<string, string> }).outputFiles['green_tripdata_2020-03.csv'];
  assert.equal(statesByTask(execution).purge_files, 'SUCCESS');
  await assert.rejects(() => (services.storage ?? { get: () => Promise.reject(new Error('default storage')) }).get(uri));
});

test('a month the playground does not ship fails in extract, saying why', async () => {
  const { runFlowSource } = await import('./runFlowFile');
  const source = readFileSync('flows/02_postgres_taxi.yaml', 'utf8').replace('values: ["2019", "2020"]', 'values: ["2019", "2020", "2021"]');
  const { execution } = await runFlowSource(source, { taxi: 'yellow', year: '2021', month: '01' }, { services });
  assert.equal(execution.state.current, 'FAILED');
  assert.equal(statesByTask(execution).extract, 'FAILED');
  const errors = execution.logs.filter((l) => l.taskId === 'extract' && l.level === 'ERROR').map((l) => l.message).join('\n');
  assert.match(errors, /yellow_tripdata_2021-01\.csv\.gz is not shipped with this playground/);
  assert.match(errors, /Command failed with exit code 1/);
});
