/**
 * npm run bench: the taxi flow's load steps (COPY into staging, md5 UPDATE,
 * MERGE) on the full green 2020-03 month, three ways: the engine in Node on
 * PGlite, the engine in headless Chromium on PGlite, and the same SQL on a
 * native PostgreSQL on loopback. Prints medians, rows/s and ratios.
 */
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { chromium } from '@playwright/test';
import { parseFlow, runExecution, systemClock } from '../src/engine';
import { resolveInputs } from '../src/engine/inputs/resolveInputs';
import { createNodeServices } from '../src/cli/createNodeServices';
import { median, STEPS, stepTimes, type Step } from './flowSteps';
import { startNativePostgres } from './nativePostgres';
import { serveBench } from './serveBench';
import { benchTemplates } from './templateRender';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPS = Number(process.env.BENCH_REPS ?? 3);
const FILE = 'green_tripdata_2020-03.csv';
const FLOW = readFileSync(join(ROOT, 'flows/02_postgres_taxi.yaml'), 'utf8');
const INPUTS = { taxi: 'green', year: '2020', month: '03' };
type Times = Record<Step | 'flow', number>;

async function nodeEngine(): Promise<Times[]> {
  const { services, close } = await createNodeServices({ dataset: 'full' });
  const flow = parseFlow(FLOW).flow!;
  const db = await services.database!('postgres-zoomcamp');
  const out: Times[] = [];
  for (let i = 0; i < REPS; i++) {
    await db.exec('DROP TABLE IF EXISTS green_tripdata; DROP TABLE IF EXISTS green_tripdata_staging;');
    const exec = await runExecution(flow, { inputs: (await resolveInputs(flow, INPUTS)).values, services: { ...services, clock: systemClock } });
    out.push(stepTimes(exec, 'green'));
  }
  await close();
  return out;
}

/** The green branch's SQL exactly as the flow has it, with the flow's expressions filled in. */
function greenSql(csvPath: string): { setup: string; load: string } {
  const doc = parse(FLOW) as { tasks: { id: string; then?: Record<string, unknown>[] }[] };
  const tasks = doc.tasks.find((t) => t.id === 'if_green_taxi')!.then!;
  const fill = (s: string) =>
    s.replaceAll('{{render(vars.table)}}', 'public.green_tripdata').replaceAll('{{render(vars.staging_table)}}', 'public.green_tripdata_staging').replaceAll('{{render(vars.file)}}', FILE);
  const sql = (id: string) => fill(String(tasks.find((t) => t.id === id)!.sql)).trim();
  const copy = tasks.find((t) => t.id === 'green_copy_in_to_staging_table')!;
  const setup = ['DROP TABLE IF EXISTS green_tripdata;', 'DROP TABLE IF EXISTS green_tripdata_staging;', sql('green_create_table'), sql('green_create_staging_table'), sql('green_truncate_staging_table')].join('\n');
  const load = [
    '\\timing on',
    `\\copy public.green_tripdata_staging (${(copy.columns as string[]).join(', ')}) FROM '${csvPath}' WITH (FORMAT CSV, HEADER TRUE)`,
    sql('green_add_unique_id_and_filename'),
    sql('green_merge_data'),
    '\\timing off',
  ].join('\n');
  return { setup, load };
}

function native(): { version: string; times: Times[] } {
  const csv = '/tmp/kestra-bench-pg-data.csv';
  writeFileSync(csv, gunzipSync(readFileSync(join(ROOT, 'public/data/full', FILE + '.gz'))));
  const pg = startNativePostgres();
  const { setup, load } = greenSql(csv);
  const times: Times[] = [];
  try {
    for (let i = 0; i < REPS; i++) {
      pg.psql(setup);
      const t0 = performance.now();
      const out = pg.psql(load);
      const flow = performance.now() - t0;
      const ms = [...out.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
      times.push({ copy_in_to_staging_table: ms[0], add_unique_id_and_filename: ms[1], merge_data: ms[2], flow });
    }
  } finally {
    pg.stop();
  }
  return { version: pg.version, times };
}

async function browser(): Promise<{ full: Times[]; sample: Times[]; boot: number; rows: number }> {
  const dir = join(ROOT, 'bench/results/browser');
  mkdirSync(dir, { recursive: true });
  execFileSync(join(ROOT, 'node_modules/.bin/esbuild'), [join(ROOT, 'bench/browserEntry.ts'), '--bundle', '--format=esm', '--platform=browser', '--external:node:*', `--outfile=${join(dir, 'bench.js')}`, '--log-level=warning'], { stdio: 'inherit' });
  for (const f of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) copyFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/dist', f), join(dir, f));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="bench.js"></script>');
  const { url, server } = await serveBench(dir, join(ROOT, 'public/data'));
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const b = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await b.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'bench-ready', null, { timeout: 60_000 });
    type R = { boot: number; results: Times[]; rows: number };
    const call = (dataset: string, reps: number) =>
      page.evaluate(([src, ds, n]) => (globalThis as unknown as { runBench: (s: string, d: string, r: number) => Promise<R> }).runBench(src as string, ds as string, n as number), [FLOW, dataset, reps] as const);
    const sample = await call('sample', REPS);
    const full = await call('full', REPS);
    return { full: full.results, sample: sample.results, boot: full.boot, rows: full.rows };
  } finally {
    await b.close();
    server.close();
  }
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

/** bench/templateRender.ts run on commit fde65d5, before the interpreter replaced the nunjucks translation (same machine, median of 3). */
const TEMPLATES_BEFORE = { coldMs: 13.7, warmUs: 3.2 };

async function main() {
  const tpl = benchTemplates();
  console.log(
    `Taxi flow templates (${tpl.templates}): first render ${tpl.coldMs.toFixed(1)} ms (before: ${TEMPLATES_BEFORE.coldMs} ms, ${(tpl.coldMs / TEMPLATES_BEFORE.coldMs).toFixed(2)}×); ` +
      `warm ${tpl.warmUsPerTemplate.toFixed(1)} µs per template (before: ${TEMPLATES_BEFORE.warmUs} µs, ${(tpl.warmUsPerTemplate / TEMPLATES_BEFORE.warmUs).toFixed(2)}×)\n`,
  );
  const rows = 223_406;
  console.log(`Taxi flow load steps, green 2020-03 full month (${rows.toLocaleString('en')} rows), median of ${REPS}\n`);
  const nat = native();
  console.log(`native PostgreSQL ${nat.version} (loopback, psql \\copy)… done`);
  const nodeRuns = await nodeEngine();
  console.log('engine in Node on PGlite… done');
  let br: Awaited<ReturnType<typeof browser>> | null = null;
  try {
    br = await browser();
    console.log(`engine in headless Chromium on PGlite… done (PGlite boot ${br.boot.toFixed(0)} ms, ${br.rows} rows loaded)`);
  } catch (e) {
    console.log(`browser run failed: ${(e as Error).message}`);
  }
  const cols = [['native', nat.times], ['node', nodeRuns], ...(br ? [['browser', br.full]] : [])] as [string, Times[]][];
  console.log(`\n${'step'.padEnd(28)}${cols.map(([n]) => n.padStart(12)).join('')}  rows/s (browser)   PGlite/native (node, browser)`);
  for (const s of [...STEPS, 'flow'] as const) {
    const med = cols.map(([, t]) => median(t.map((x) => x[s])));
    const last = med[med.length - 1];
    const ratios = med.slice(1).map((m) => (m / med[0]).toFixed(2) + '×').join(', ');
    console.log(`${(s === 'flow' ? 'whole flow (native: 3 steps)' : s).padEnd(28)}${med.map(fmt).map((x) => x.padStart(12)).join('')}  ${String(Math.round(rows / (last / 1000))).padStart(12)}      ${ratios}`);
  }
  if (br) console.log(`\nwhole flow in the browser, 10,000-row sample: ${fmt(median(br.sample.map((x) => x.flow)))}; full month: ${fmt(median(br.full.map((x) => x.flow)))}`);
  const results = { date: new Date().toISOString(), reps: REPS, native: nat, node: nodeRuns, browser: br };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/latest.json'), JSON.stringify(results, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
