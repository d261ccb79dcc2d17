import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeDbtProject } from '../../src/engine/dbt/describeDbtProject';
import { ShellFs } from '../../src/engine/shell/ShellFs';
import { folderFiles } from './dbtHarness';
import { ROOT } from './runFlowFile';

// What the playground's lineage view gets for the course project: the DAG (sources, seed, models,
// tests) and each model's compiled SQL, from the namespace files alone (no profiles.yml, no deps run).

test('the lineage of the shipped taxi_rides_ny: nodes, edges and compiled SQL, without touching the files', async () => {
  const files = new ShellFs();
  for (const [p, d] of folderFiles(join(ROOT, 'public/git/taxi_rides_ny'))) files.put(p, d);
  const before = files.allFiles().length;
  const g = await describeDbtProject({ files, env: { DBT_DATABASE: 'postgres-zoomcamp', DBT_SCHEMA: 'public' }, compile: true });
  assert.equal(files.allFiles().length, before, 'the files are not changed');
  assert.equal(g.project, 'taxi_rides_ny');
  const byType = (t: string) => g.nodes.filter((n) => n.resourceType === t).map((n) => n.name).sort();
  assert.deepEqual(byType('model'), ['dim_zones', 'dm_monthly_zone_revenue', 'fact_trips', 'stg_green_tripdata', 'stg_yellow_tripdata']);
  assert.deepEqual(byType('seed'), ['taxi_zone_lookup']);
  assert.deepEqual(byType('source'), ['staging.green_tripdata', 'staging.yellow_tripdata']);
  assert.equal(byType('test').length, 11);
  assert.ok(g.edges.some((e) => e.from === 'model.taxi_rides_ny.fact_trips' && e.to === 'model.taxi_rides_ny.dm_monthly_zone_revenue'));
  const stg = g.nodes.find((n) => n.name === 'stg_green_tripdata')!;
  assert.equal(stg.compileError, null);
  assert.match(stg.compiledCode!, /md5\(cast\(coalesce\(cast\(vendorid as TEXT\), '_dbt_utils_surrogate_key_null_'\) \|\| '-' \|\| coalesce\(cast\(lpep_pickup_datetime as TEXT\), '_dbt_utils_surrogate_key_null_'\) as TEXT\)\) as tripid/);
  assert.match(stg.compiledCode!, /from "postgres-zoomcamp"\."public"\."green_tripdata"/);
  assert.match(stg.compiledCode!, /limit 100/);
  assert.equal(stg.relation, '"postgres-zoomcamp"."public"."stg_green_tripdata"');
});
