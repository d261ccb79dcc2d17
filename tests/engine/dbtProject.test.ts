import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeServices } from '../../src/cli/createNodeServices';
import type { EngineServices, SqlDatabase } from '../../src/engine/runtime/EngineServices';
import { DEFAULT_JINJA_LIMITS } from '../../src/engine/dbt/jinja/JinjaBudget';
import { DbtWorkspace, PROFILE, statuses } from './dbtHarness';

// Our own project (tests/fixtures/dbt/shop): seeds, a view, an ephemeral model, an incremental
// model, a table, generic, dbt_utils and singular tests. Each case follows dbt's documented
// behaviour (docs.getdbt.com: materializations, node selection, build, tests).

let services: Partial<EngineServices>;
let close: () => Promise<void>;

before(async () => {
  ({ services, close } = await createNodeServices({ dataset: 'sample' }));
});
after(async () => close());

let dbCount = 0;
/** A fresh workspace on a database of its own. */
function workspace(): { ws: DbtWorkspace; db: () => Promise<SqlDatabase> } {
  const name = `shop-${++dbCount}`;
  const ws = new DbtWorkspace(services.database!).load('shop').write('profiles.yml', PROFILE('shop', name));
  return { ws, db: () => services.database!(name) };
}

const rows = async (db: SqlDatabase, sql: string) => (await db.query(sql)).rows;

test('a build without `dbt deps` stops and says to run it', async () => {
  const { ws } = workspace();
  const r = await ws.run('dbt build');
  assert.equal(r.exitCode, 2);
  assert.ok(r.lines.some((l) => l.includes('dbt found 1 package(s) specified in packages.yml, but only 0 package(s) installed in dbt_packages. Run "dbt deps"')), r.lines.join('\n'));
});

test('build: seeds, the view, the ephemeral model as a CTE, the incremental model, tests; a second run only adds new rows', async () => {
  const { ws, db: open } = workspace();
  assert.equal((await ws.run('dbt deps')).exitCode, 0);
  const first = await ws.run('dbt build');
  assert.equal(first.exitCode, 0, first.lines.join('\n'));
  assert.ok(first.lines.includes('Done. PASS=13 WARN=1 ERROR=0 SKIP=0 TOTAL=14'), first.lines.join('\n'));
  assert.ok(first.lines.some((l) => /WARN 1 not_null_raw_customers_email/.test(l)));
  const db = await open();
  assert.equal((await rows(db, 'select count(*)::int as n from analytics.fact_orders'))[0].n, 8);
  // the ephemeral model is never built: fact_orders reads it as a CTE
  assert.equal((await rows(db, "select count(*)::int as n from information_schema.tables where table_name = 'stg_customers'"))[0].n, 0);
  const compiled = ws.read('target/compiled/shop/models/marts/fact_orders.sql')!;
  assert.match(compiled, /^\s*with __dbt__cte__stg_customers as \(/);
  assert.match(compiled, /"shop-\d+"\."analytics"\."stg_orders"/);
  // the seed's column_types and inferred types
  const types = await rows(db, "select column_name, data_type from information_schema.columns where table_schema = 'analytics' and table_name in ('raw_orders', 'raw_customers') order by table_name, ordinal_position");
  assert.deepEqual(types.map((t) => `${t.column_name}:${t.data_type}`), ['id:integer', 'name:text', 'email:text', 'vip:boolean', 'id:integer', 'customer_id:integer', 'ordered_at:date', 'amount:numeric', 'status:text']);

  // new orders arrive: the incremental model adds only those (older rows keep the first run's invocation id)
  ws.write('seeds/raw_orders.csv', `${ws.read('seeds/raw_orders.csv')!.trimEnd()}\n9,3,2024-01-20,7.00,placed\n10,2,2024-01-21,11.00,shipped\n`);
  const second = await ws.run('dbt build --select raw_orders+');
  assert.equal(second.exitCode, 0, second.lines.join('\n'));
  const loaded = await rows(db, 'select loaded_by, count(*)::int as n from analytics.fact_orders group by 1 order by 1');
  assert.deepEqual(loaded, [
    { loaded_by: 'inv-2', n: 8 },
    { loaded_by: 'inv-3', n: 2 },
  ]);
  // --full-refresh rebuilds it whole
  assert.equal((await ws.run('dbt run --select fact_orders --full-refresh')).exitCode, 0);
  assert.deepEqual(await rows(db, 'select loaded_by, count(*)::int as n from analytics.fact_orders group by 1'), [{ loaded_by: 'inv-4', n: 10 }]);
});

test('a failing test skips what is built on the tested model', async () => {
  const { ws } = workspace();
  await ws.run('dbt deps');
  ws.write('seeds/raw_orders.csv', `${ws.read('seeds/raw_orders.csv')!.trimEnd()}\n9,3,2024-01-20,7.00,lost\n`);
  const r = await ws.run('dbt build');
  assert.equal(r.exitCode, 1);
  const s = statuses(ws);
  assert.equal(s['test.shop.accepted_values_stg_orders_status__placed__shipped__returned'], 'fail');
  assert.equal(s['model.shop.fact_orders'], 'skipped');
  assert.equal(s['model.shop.customer_totals'], 'skipped');
  assert.equal(s['model.shop.stg_orders'], 'success');
  assert.ok(r.lines.some((l) => /FAIL 1 accepted_values_stg_orders_status/.test(l)));
  assert.ok(r.lines.some((l) => /SKIP relation analytics\.fact_orders/.test(l)));
  assert.ok(r.lines.includes('Got 1 result, configured to fail if != 0') || r.lines.some((l) => l.includes('Got 1 result, configured to fail if != 0')), r.lines.join('\n'));
  assert.ok(r.lines.some((l) => /^Done\. PASS=\d+ WARN=1 ERROR=1 SKIP=\d+ TOTAL=14$/.test(l)), r.lines.join('\n'));
});

test('snapshots are refused with a clear message, and what depends on them is skipped', async () => {
  const { ws } = workspace();
  await ws.run('dbt deps');
  ws.write('snapshots/orders_snapshot.sql', "{% snapshot orders_snapshot %}\n{{ config(target_schema='snapshots', unique_key='id', strategy='check', check_cols='all') }}\nselect * from {{ ref('raw_orders') }}\n{% endsnapshot %}\n");
  const snap = await ws.run('dbt snapshot');
  assert.equal(snap.exitCode, 2);
  assert.ok(snap.lines.some((l) => l.includes('Snapshots are not supported by this dbt runner')), snap.lines.join('\n'));
  const build = await ws.run('dbt build --select orders_snapshot');
  assert.equal(build.exitCode, 1);
  assert.equal(statuses(ws)['snapshot.shop.orders_snapshot'], 'error');
});

test('selection: graph operators, tag:, path:, resource_type:, --exclude; dbt ls prints them', async () => {
  const { ws } = workspace();
  await ws.run('dbt deps');
  const ls = async (args: string) => (await ws.run(`dbt ls --resource-type model ${args}`)).lines.filter((l) => l.startsWith('shop.'));
  assert.deepEqual(await ls('--select +fact_orders'), ['shop.marts.fact_orders', 'shop.staging.stg_customers', 'shop.staging.stg_orders']);
  assert.deepEqual(await ls('--select fact_orders+'), ['shop.marts.customer_totals', 'shop.marts.fact_orders']);
  assert.deepEqual(await ls('--select tag:nightly'), ['shop.marts.customer_totals', 'shop.marts.fact_orders']);
  assert.deepEqual(await ls('--select path:models/staging'), ['shop.staging.stg_customers', 'shop.staging.stg_orders']);
  assert.deepEqual(await ls('--select staging --exclude stg_customers'), ['shop.staging.stg_orders']);
  assert.deepEqual(await ls('--select "tag:nightly,config.materialized:table"'), ['shop.marts.customer_totals']);
  const names = (await ws.run('dbt ls --select source:* raw_orders --output name')).lines;
  assert.ok(names.includes('raw_orders'));
  const bad = await ws.run('dbt ls --select state:modified');
  assert.equal(bad.exitCode, 2);
  assert.ok(bad.lines.some((l) => l.includes('state: selection needs the artifacts of a previous run')));
});

test('compile writes the SQL dbt would run; a compile error names the model and the line', async () => {
  const { ws } = workspace();
  await ws.run('dbt deps');
  const r = await ws.run('dbt compile --select stg_orders');
  assert.equal(r.exitCode, 0, r.lines.join('\n'));
  const shown = r.lines.find((l) => l.startsWith("Compiled node 'stg_orders' is:"))!;
  assert.match(shown, /cast\(round\(amount \* 100\) as integer\) as amount_cents/);
  assert.match(shown, /'EUR' as currency/);
  ws.write('models/staging/broken.sql', 'select 1 as x\n{{ no_such_macro() }}\n');
  const broken = await ws.run('dbt compile --select broken');
  assert.equal(broken.exitCode, 2);
  assert.ok(broken.lines.some((l) => /Compilation Error in model broken \(models\/staging\/broken\.sql\)/.test(l) && /'no_such_macro' is undefined/.test(l) && /line 2/.test(l)), broken.lines.join('\n'));
});

test('packages the runner does not carry are refused by name', async () => {
  const { ws } = workspace();
  ws.write('packages.yml', 'packages:\n  - package: dbt-labs/audit_helper\n    version: 0.12.0\n');
  const r = await ws.run('dbt deps');
  assert.equal(r.exitCode, 2);
  assert.ok(r.lines.some((l) => l.includes('Package dbt-labs/audit_helper is not available here')), r.lines.join('\n'));
});

test('a hostile macro ends in a clear error instead of a hang', async () => {
  const { ws: base } = workspace();
  const ws = new DbtWorkspace(base.database, {}, { ...DEFAULT_JINJA_LIMITS, maxSteps: 300_000 });
  for (const [p, d] of base.fs.files) ws.fs.put(p, d);
  await ws.run('dbt deps');
  ws.write('macros/forever.sql', '{% macro forever(n) %}{{ forever(n + 1) }}{% endmacro %}');
  ws.write('models/staging/loop.sql', 'select {{ forever(0) }} as x');
  const r = await ws.run('dbt run --select loop');
  assert.equal(r.exitCode, 2);
  assert.ok(r.lines.some((l) => l.includes('macro calls nested more than 200 deep')), r.lines.join('\n'));
  ws.write('models/staging/loop.sql', '{% for i in range(2000) %}{% for j in range(2000) %}{% endfor %}{% endfor %}select 1 as x');
  const r2 = await ws.run('dbt run --select loop');
  assert.ok(r2.lines.some((l) => l.includes('evaluation steps')), r2.lines.join('\n'));
});
