/**
 * A ten-month backfill of flows/02_postgres_taxi_scheduled.yaml
 * (green_schedule, 2020-03…2020-12, the full real months: 887,649 rows), two
 * ways: the engine in Node on PGlite through the Scheduler, as
 * `flow backfill` runs it, and the same SQL on a native PostgreSQL on
 * loopback (each month: create tables, truncate staging, \copy, md5 UPDATE,
 * MERGE). Prints each month and the totals, writes bench/results/backfill.json.
 * Run alone: npx tsx bench/backfillBench.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseFlow, systemClock, type Execution } from '../src/engine';
import { createNodeServices } from '../src/cli/createNodeServices';
import { MemoryStorage } from '../src/engine/storage/MemoryStorage';
import { Scheduler } from '../src/engine/triggers/Scheduler';
import { STEPS, stepTimes, type Step } from './flowSteps';
import { startNativePostgres } from './nativePostgres';
import { backfillInChromium } from './backfillInChromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FLOW = readFileSync(join(ROOT, 'flows/02_postgres_taxi_scheduled.yaml'), 'utf8');
const MONTHS = ['03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const file = (m: string) => `green_tripdata_2020-${m}.csv`;
type Times = Record<Step | 'flow', number>;

async function nodeBackfill(): Promise<{ wallMs: number; months: Times[]; states: string[] }> {
  const { services, close } = await createNodeServices({ dataset: 'full' });
  const ended: Execution[] = [];
  const scheduler = new Scheduler({
    flows: [parseFlow(FLOW).flow!],
    services: { ...services, clock: systemClock, storage: new MemoryStorage() },
    onEvent: (e) => e.type === 'execution.ended' && ended.push(e.execution),
  });
  // boot PGlite first, so the wall time is the backfill's (the first Postgres task of a run pays the boot otherwise)
  await services.database!('postgres-zoomcamp');
  const t0 = performance.now();
  scheduler.startBackfill('green_schedule', { start: '2020-03-01', end: '2020-12-31T23:59:59Z' });
  await scheduler.idle();
  const wallMs = performance.now() - t0;
  await close();
  return { wallMs, months: ended.map((e) => stepTimes(e, 'green')), states: ended.map((e) => e.state.current) };
}

/** The green branch's SQL as the flow has it, its expressions filled in for one month. */
function greenSql(month: string, csvPath: string): { setup: string; load: string } {
  const doc = parse(FLOW) as { tasks: { id: string; then?: Record<string, unknown>[] }[] };
  const tasks = doc.tasks.find((t) => t.id === 'if_green_taxi')!.then!;
  const fill = (s: string) =>
    s.replaceAll('{{render(vars.table)}}', 'public.green_tripdata').replaceAll('{{render(vars.staging_table)}}', 'public.green_tripdata_staging').replaceAll('{{render(vars.file)}}', file(month));
  const sql = (id: string) => fill(String(tasks.find((t) => t.id === id)!.sql)).trim();
  const copy = tasks.find((t) => t.id === 'green_copy_in_to_staging_table')!;
  return {
    setup: ['SET client_min_messages = warning;', sql('green_create_table'), sql('green_create_staging_table'), sql('green_truncate_staging_table')].join('\n'),
    load: [
      '\\timing on',
      `\\copy public.green_tripdata_staging (${(copy.columns as string[]).join(', ')}) FROM '${csvPath}' WITH (FORMAT CSV, HEADER TRUE)`,
      sql('green_add_unique_id_and_filename'),
      sql('green_merge_data'),
      '\\timing off',
    ].join('\n'),
  };
}

function nativeBackfill(): { version: string; wallMs: number; months: Times[]; rows: number } {
  const pg = startNativePostgres();
  const months: Times[] = [];
  let rows = 0;
  try {
    pg.psql('DROP TABLE IF EXISTS green_tripdata; DROP TABLE IF EXISTS green_tripdata_staging;');
    const t0 = performance.now();
    for (const m of MONTHS) {
      const csv = `/tmp/kestra-bench-backfill-${m}.csv`;
      const text = gunzipSync(readFileSync(join(ROOT, 'public/data/full', file(m) + '.gz')));
      writeFileSync(csv, text);
      const { setup, load } = greenSql(m, csv);
      const t1 = performance.now();
      pg.psql(setup);
      const out = pg.psql(load);
      const ms = [...out.matchAll(/Time: ([\d.]+) ms/g)].map((x) => Number(x[1]));
      months.push({ copy_in_to_staging_table: ms[0], add_unique_id_and_filename: ms[1], merge_data: ms[2], flow: performance.now() - t1 });
    }
    const wallMs = performance.now() - t0;
    rows = Number(pg.psql('\\pset tuples_only on\nSELECT count(*) FROM green_tripdata;').trim().split('\n').pop());
    return { version: pg.version, wallMs, months, rows };
  } finally {
    pg.stop();
  }
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`.padStart(10);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function main() {
  console.log('Ten-month backfill, green_schedule 2020-03…2020-12, full months\n');
  const nat = nativeBackfill();
  console.log(`native PostgreSQL ${nat.version} (loopback, psql \\copy): ${fmt(nat.wallMs)} for the ten months, ${nat.rows.toLocaleString('en')} rows in green_tripdata`);
  const node = await nodeBackfill();
  console.log(`engine in Node on PGlite (Scheduler, one execution per month): ${fmt(node.wallMs)}, ${node.states.join(' ')}\n`);
  console.log(`${'month'.padEnd(8)}${'node flow'.padStart(10)}${'native'.padStart(10)}  ratio   ${STEPS.map((s) => s.padStart(28)).join('')}`);
  MONTHS.forEach((m, i) => {
    const n = node.months[i];
    const v = nat.months[i];
    const steps = STEPS.map((s) => `${n[s].toFixed(0)} / ${v[s].toFixed(0)} ms`.padStart(28)).join('');
    console.log(`2020-${m} ${fmt(n.flow)}${fmt(v.flow)}  ${(n.flow / v.flow).toFixed(1).padStart(5)}×${steps}`);
  });
  const nodeLoad = sum(node.months.map((t) => sum(STEPS.map((s) => t[s]))));
  const natLoad = sum(nat.months.map((t) => sum(STEPS.map((s) => t[s]))));
  console.log(`\nwhole backfill: node ${fmt(node.wallMs)}, native ${fmt(nat.wallMs)} (${(node.wallMs / nat.wallMs).toFixed(1)}×)`);
  console.log(`load steps only (COPY + UPDATE + MERGE): node ${fmt(nodeLoad)}, native ${fmt(natLoad)} (${(nodeLoad / natLoad).toFixed(1)}×)`);
  console.log('(node flow = an execution from RUNNING to its end: download from public/data, gunzip, labels, the SQL, purge; steps: node / native)');
  // the same backfill in the real playground, in Chromium, as a learner starts it in the Triggers tab
  const browser = await backfillInChromium().catch((e) => (console.log(`Chromium part failed: ${(e as Error).message}`), undefined));
  if (browser) {
    console.log(`the playground in Chromium (built site, Triggers tab, Full month): ${fmt(browser.wallMs)} (${(browser.wallMs / nat.wallMs).toFixed(1)}× native), ${browser.rows.toLocaleString('en')} rows from ${browser.executions} files`);
  } else if (browser === null) {
    console.log('Chromium part skipped: build the site first (npm run build)');
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/backfill.json'), JSON.stringify({ date: new Date().toISOString(), native: nat, node, chromium: browser ?? null }, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
