import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createNodeServices } from '../../src/cli/createNodeServices';
import type { EngineServices } from '../../src/engine/runtime/EngineServices';
import type { Execution } from '../../src/engine';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { MemoryNamespaceFiles } from '../../src/engine/storage/NamespaceFiles';
import { runFlowFile, runFlowSource } from './runFlowFile';
import { DBT_FIXTURES, folderFiles } from './dbtHarness';
import { states } from './executionHarness';

// Task run metrics as Kestra's plugins report them with runContext.metric (MetricEntry: name, type, value, tags):
// plugin-jdbc-postgres CopyIn / CopyOut `rows`; plugin-jdbc AbstractJdbcQuery / AbstractJdbcQueries `fetch.size`
// tagged fetch / store; plugin-dbt ResultParser `rows.affected` per node and LogService's StatsLine counters.

let services: Partial<EngineServices>;
let close: () => Promise<void>;
before(async () => {
  ({ services, close } = await createNodeServices({ dataset: 'sample' }));
});
after(async () => close());

const metricsOf = (execution: Execution, taskId: string) =>
  (execution.taskRunList.find((t) => t.taskId === taskId)?.metrics ?? []).map(({ name, type, value, tags }) => ({ name, type, value, tags }));

test('Postgres tasks: CopyIn and CopyOut count rows, Query and Queries report fetch.size with their fetch/store tags', async () => {
  const storage = new MemoryStorage();
  const csv = 'kestra:///tests/metrics/pg/executions/x/tasks/up/y/trips.csv';
  await storage.put(csv, new TextEncoder().encode('id,fare,day\n1,12.5,2020-01-01\n2,7.25,2020-01-02\n3,,2020-01-03\n'));
  const tsv = 'kestra:///tests/metrics/pg/executions/x/tasks/up/y/more.tsv';
  await storage.put(tsv, new TextEncoder().encode('4\t1.5\t2020-01-04\n5\t2.5\t2020-01-05\n'));
  const { execution } = await runFlowSource(
    `id: pg_metrics
namespace: tests.metrics
tasks:
  - id: setup
    type: io.kestra.plugin.jdbc.postgresql.Queries
    sql: DROP TABLE IF EXISTS metric_trips; CREATE TABLE metric_trips (id int, fare double precision, day date)
  - id: copy_csv
    type: io.kestra.plugin.jdbc.postgresql.CopyIn
    from: ${csv}
    table: metric_trips
    format: CSV
    header: true
  - id: copy_text
    type: io.kestra.plugin.jdbc.postgresql.CopyIn
    from: ${tsv}
    table: metric_trips
  - id: fetch_all
    type: io.kestra.plugin.jdbc.postgresql.Query
    sql: SELECT * FROM metric_trips ORDER BY id
    fetchType: FETCH
  - id: fetch_two
    type: io.kestra.plugin.jdbc.postgresql.Queries
    sql: SELECT 1 AS a; SELECT id FROM metric_trips WHERE id > 3
    fetchType: STORE
  - id: copy_out
    type: io.kestra.plugin.jdbc.postgresql.CopyOut
    sql: SELECT * FROM metric_trips
pluginDefaults:
  - type: io.kestra.plugin.jdbc.postgresql
    values:
      url: jdbc:postgresql://pgdatabase:5432/metrics
      username: root
      password: root
`,
    {},
    { services: { ...services, storage } },
  );
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(states(execution)) + execution.logs.filter((l) => l.level === 'ERROR').map((l) => l.message).join('\n'));
  assert.deepEqual(metricsOf(execution, 'copy_csv'), [{ name: 'rows', type: 'counter', value: 3, tags: {} }]);
  assert.deepEqual(metricsOf(execution, 'copy_text'), [{ name: 'rows', type: 'counter', value: 2, tags: {} }]);
  assert.deepEqual(metricsOf(execution, 'fetch_all'), [{ name: 'fetch.size', type: 'counter', value: 5, tags: { fetch: 'true', store: 'false' } }]);
  assert.deepEqual(metricsOf(execution, 'fetch_two'), [{ name: 'fetch.size', type: 'counter', value: 3, tags: { fetch: 'false', store: 'true' } }]);
  assert.deepEqual(metricsOf(execution, 'setup'), [{ name: 'fetch.size', type: 'counter', value: 0, tags: { fetch: 'false', store: 'false' } }]);
  assert.deepEqual(metricsOf(execution, 'copy_out'), [{ name: 'rows', type: 'counter', value: 5, tags: {} }]);
  // metrics are not outputs
  assert.deepEqual(Object.keys(execution.taskRunList.find((t) => t.taskId === 'copy_csv')!.outputs ?? {}), ['rowCount']);
  const m = execution.taskRunList.find((t) => t.taskId === 'copy_csv')!.metrics![0];
  assert.ok(!Number.isNaN(Date.parse(m.timestamp)));
});

test('the taxi flow on a sample month: the CopyIn task run counts the rows it loaded', async () => {
  const { execution } = await runFlowFile('flows/02_postgres_taxi.yaml', { taxi: 'green', year: '2019', month: '04' }, { services });
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(states(execution)));
  const copy = execution.taskRunList.find((t) => t.taskId === 'green_copy_in_to_staging_table')!;
  const rows = copy.outputs?.rowCount as number;
  assert.ok(rows > 0);
  assert.deepEqual(metricsOf(execution, 'green_copy_in_to_staging_table'), [{ name: 'rows', type: 'counter', value: rows, tags: {} }]);
});

test('dbt build: rows.affected per node from run_results.json and the StatsLine counters, on the DbtCLI task run', async () => {
  const nf = new MemoryNamespaceFiles();
  for (const [p, d] of folderFiles(join(DBT_FIXTURES, 'shop'))) await nf.write('tests.dbt', p, d);
  const storage = new MemoryStorage();
  const { execution } = await runFlowFile('tests/fixtures/dbt/flows/shop_dbt.yaml', { command: 'dbt build' }, { services: { ...services, storage, namespaceFiles: nf, kestraVersion: '1.1' } });
  const dbt = execution.taskRunList.find((t) => t.taskId === 'dbt')!;
  const metrics = metricsOf(execution, 'dbt');
  const runResults = JSON.parse(new TextDecoder().decode(await storage.get((dbt.outputs as { outputFiles: Record<string, string> }).outputFiles['run_results.json']))) as {
    results: { status: string; adapter_response: { rows_affected?: number } }[];
  };
  const affected = runResults.results.filter((r) => r.adapter_response.rows_affected !== undefined).map((r) => r.adapter_response.rows_affected);
  assert.ok(affected.length > 0);
  assert.deepEqual(metrics.filter((x) => x.name === 'rows.affected').map((x) => x.value), affected);
  const counter = (name: string) => metrics.find((x) => x.name === name)?.value;
  assert.equal(counter('total'), runResults.results.length);
  assert.equal(counter('warn'), runResults.results.filter((r) => r.status === 'warn').length);
  assert.equal(counter('pass'), runResults.results.filter((r) => r.status === 'success' || r.status === 'pass').length);
  assert.ok(metrics.every((x) => x.type === 'counter'));
});
