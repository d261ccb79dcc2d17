import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { createNodeServices } from '../../src/cli/createNodeServices';
import type { EngineServices, SqlDatabase } from '../../src/engine/runtime/EngineServices';
import type { Execution } from '../../src/engine';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { runFlowFile, ROOT } from './runFlowFile';
import { history, messages, states } from './executionHarness';

// The course's 2025 flow 03_postgres_dbt (flows/03_postgres_dbt.yaml, KESTRA-NOTES §3.4) after the taxi
// flow loaded a green and a yellow month: SyncNamespaceFiles lays the shipped taxi_rides_ny project
// into the namespace files, DbtCLI builds it; each dbt node becomes a child task run of the DbtCLI
// task run, as Kestra's plugin-dbt ResultParser makes them (task id = unique_id, value = parent id).

let services: Partial<EngineServices>;
let close: () => Promise<void>;
let db: SqlDatabase;

before(async () => {
  ({ services, close } = await createNodeServices({ dataset: 'sample' }));
  db = await services.database!('postgres-zoomcamp');
  for (const [taxi, year, month] of [['green', '2020', '03'], ['yellow', '2019', '01']]) {
    const r = await runFlowFile('flows/02_postgres_taxi.yaml', { taxi, year, month }, { services });
    assert.equal(r.execution.state.current, 'SUCCESS', `taxi flow ${taxi}`);
  }
});
after(async () => close());

const count = async (sql: string) => Number((await db.query(`select count(*) as n from (${sql}) q`)).rows[0].n);

/** Zone ids whose borough is not 'Unknown', read from the site's CSV (not from the seed dbt loads). */
function knownZones(): number[] {
  const text = readFileSync(join(ROOT, 'public/data/taxi_zone_lookup.csv'), 'utf8');
  const rows = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
  return rows.filter((r) => r.Borough !== 'Unknown').map((r) => Number(r.LocationID));
}

/** The course's models, written again here as plain SQL on the loaded tables: one row per (vendor, pickup), trips in known zones. */
function tripsSql(limit: number | null): string {
  const zones = knownZones().join(',');
  const dedup = (table: string, pickup: string) =>
    `(select vendorid, pulocationid, dolocationid, ${pickup} as pickup, total_amount from (select *, row_number() over (partition by vendorid, ${pickup}) as rn from public.${table} where vendorid is not null) t where rn = 1${limit ? ` limit ${limit}` : ''})`;
  return `select 'Green' as service, * from ${dedup('green_tripdata', 'lpep_pickup_datetime')} g
          union all select 'Yellow', * from ${dedup('yellow_tripdata', 'tpep_pickup_datetime')} y`;
}

function dbtRuns(execution: Execution) {
  const parent = execution.taskRunList.find((t) => t.taskId === 'dbt-build')!;
  return { parent, children: execution.taskRunList.filter((t) => t.parentTaskRunId === parent.id) };
}

test('dbt build: the shipped project builds every model from the loaded months, each node a child task run', async () => {
  const storage = new MemoryStorage();
  const kv = new Map<string, Map<string, unknown>>();
  const { execution } = await runFlowFile('flows/03_postgres_dbt.yaml', {}, { services: { ...services, storage, kv } });
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(states(execution)));

  // row counts against the same logic written independently (is_test_run keeps 100 rows per staging model)
  const distinctGreen = await count('select distinct vendorid, lpep_pickup_datetime from public.green_tripdata where vendorid is not null');
  const distinctYellow = await count('select distinct vendorid, tpep_pickup_datetime from public.yellow_tripdata where vendorid is not null');
  assert.equal(await count('select * from public.stg_green_tripdata'), Math.min(100, distinctGreen));
  assert.equal(await count('select * from public.stg_yellow_tripdata'), Math.min(100, distinctYellow));
  assert.equal(await count('select * from public.taxi_zone_lookup'), 265);
  assert.equal(await count('select * from public.dim_zones'), 265);
  const zones = knownZones().join(',');
  const facts = `select * from (${tripsSql(100)}) t where cast(pulocationid as integer) in (${zones}) and cast(dolocationid as integer) in (${zones})`;
  assert.equal(await count('select * from public.fact_trips'), await count(facts));
  assert.equal(await count('select * from public.dm_monthly_zone_revenue'), await count(`select distinct service, date_trunc('month', pickup), pulocationid from (${facts}) f`));

  // the seed's column_types and the views' types
  const types = (await db.query(`select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = 'taxi_zone_lookup' order by ordinal_position`)).rows;
  assert.deepEqual(types, [
    { column_name: 'locationid', data_type: 'numeric' },
    { column_name: 'borough', data_type: 'text' },
    { column_name: 'zone', data_type: 'text' },
    { column_name: 'service_zone', data_type: 'text' },
  ]);

  // Gantt: seed, 5 models and 11 tests, each a child task run of the DbtCLI task run
  const { parent, children } = dbtRuns(execution);
  assert.equal(children.length, 17);
  const ids = children.map((c) => c.taskId.split('.').slice(0, 3).join('.'));
  assert.deepEqual(ids.filter((i) => i.startsWith('model.')).sort(), ['model.taxi_rides_ny.dim_zones', 'model.taxi_rides_ny.dm_monthly_zone_revenue', 'model.taxi_rides_ny.fact_trips', 'model.taxi_rides_ny.stg_green_tripdata', 'model.taxi_rides_ny.stg_yellow_tripdata']);
  assert.deepEqual(ids.filter((i) => i.startsWith('seed.')), ['seed.taxi_rides_ny.taxi_zone_lookup']);
  assert.equal(ids.filter((i) => i.startsWith('test.')).length, 11);
  for (const c of children) {
    assert.equal(c.value, parent.id, 'value is the parent task run id, as plugin-dbt sets it');
    assert.deepEqual(history(c.state), ['CREATED', 'RUNNING', 'SUCCESS'], c.taskId);
  }
  assert.ok(children.some((c) => c.taskId === 'test.taxi_rides_ny.unique_stg_green_tripdata_tripid.d46e7e4182'), 'dbt test ids: name and hash of the test metadata');

  // dbt's console as Kestra log lines
  const log = messages(execution, 'dbt-build');
  assert.ok(log.some((m) => /\[Type: LogStartLine\] 1 of 17 START sql view model public\.stg_green_tripdata \.+ \[RUN\]/.test(m)), log.join('\n'));
  assert.ok(log.some((m) => /OK created sql table model public\.fact_trips \.+ \[SELECT \d+ in \d+\.\d\ds\]/.test(m)));
  assert.ok(log.some((m) => m.includes('Done. PASS=17 WARN=0 ERROR=0 SKIP=0 TOTAL=17')));
  assert.ok(log.some((m) => m.includes('Found 5 models, 1 seed, 11 data tests, 2 sources')));

  // outputs and the manifest in the KV store
  const outputs = parent.outputs as { outputFiles: Record<string, string>; exitCode: number };
  assert.deepEqual(Object.keys(outputs.outputFiles).sort(), ['manifest.json', 'run_results.json']);
  const runResults = JSON.parse(new TextDecoder().decode(await storage.get(outputs.outputFiles['run_results.json'])));
  assert.equal(runResults.metadata.dbt_schema_version, 'https://schemas.getdbt.com/dbt/run-results/v6.json');
  assert.equal(runResults.results.length, 17);
  const manifest = kv.get('zoomcamp')!.get('manifest.json') as { metadata: { adapter_type: string }; nodes: Record<string, { depends_on: { nodes: string[] } }>; parent_map: Record<string, string[]> };
  assert.equal(manifest.metadata.adapter_type, 'postgres');
  assert.deepEqual(manifest.nodes['model.taxi_rides_ny.fact_trips'].depends_on.nodes.sort(), ['model.taxi_rides_ny.dim_zones', 'model.taxi_rides_ny.stg_green_tripdata', 'model.taxi_rides_ny.stg_yellow_tripdata']);
  assert.deepEqual(manifest.parent_map['model.taxi_rides_ny.stg_green_tripdata'], ['source.taxi_rides_ny.staging.green_tripdata']);
});

test('dbt build with is_test_run false: every trip of the loaded months, counted the same way by hand', async () => {
  const { execution } = await runFlowFile('flows/03_postgres_dbt.yaml', { dbt_command: "dbt build --vars '{is_test_run: false}'" }, { services });
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(states(execution)));
  const zones = knownZones().join(',');
  const all = tripsSql(null);
  assert.equal(await count('select * from public.stg_green_tripdata'), await count(`select * from (${all}) t where service = 'Green'`));
  assert.equal(await count('select * from public.stg_yellow_tripdata'), await count(`select * from (${all}) t where service = 'Yellow'`));
  const facts = `select * from (${all}) t where cast(pulocationid as integer) in (${zones}) and cast(dolocationid as integer) in (${zones})`;
  assert.equal(await count('select * from public.fact_trips'), await count(facts));
  const revenue = Number((await db.query('select sum(revenue_monthly_total_amount) as s from public.dm_monthly_zone_revenue')).rows[0].s);
  const expected = Number((await db.query(`select sum(total_amount) as s from (${facts}) f`)).rows[0].s);
  assert.ok(Math.abs(revenue - expected) < 1e-6, `${revenue} vs ${expected}`);
  const { children } = dbtRuns(execution);
  assert.equal(children.filter((c) => c.state.current === 'SUCCESS').length, 17);
});

test('dbt debug checks the profile and the connection without building anything', async () => {
  const { execution } = await runFlowFile('flows/03_postgres_dbt.yaml', { dbt_command: 'dbt debug' }, { services });
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(states(execution)));
  const log = messages(execution, 'dbt-build');
  assert.ok(log.some((m) => m.includes('Connection test: [OK connection ok]')), log.join('\n'));
  assert.ok(log.some((m) => m.includes('All checks passed!')));
  assert.ok(log.some((m) => m.includes('host: host.docker.internal')));
  assert.equal(dbtRuns(execution).children.length, 0, 'dbt debug writes no run_results.json');
});

test('dbt build --select +fact_trips builds fact_trips and what it reads, with their tests', async () => {
  const { execution } = await runFlowFile('flows/03_postgres_dbt.yaml', { dbt_command: 'dbt build --select +fact_trips' }, { services });
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(states(execution)));
  const ids = dbtRuns(execution).children.map((c) => c.taskId);
  assert.deepEqual(ids.filter((i) => !i.startsWith('test.')).sort(), ['model.taxi_rides_ny.dim_zones', 'model.taxi_rides_ny.fact_trips', 'model.taxi_rides_ny.stg_green_tripdata', 'model.taxi_rides_ny.stg_yellow_tripdata', 'seed.taxi_rides_ny.taxi_zone_lookup']);
  assert.equal(ids.filter((i) => i.startsWith('test.')).length, 10, 'the tests of the selected staging models, not the revenue test');
});
