/**
 * npm run bench: the taxi flow's load steps (COPY into staging, md5 UPDATE,
 * MERGE) on the full green 2020-03 month (223,406 rows), on
 *  - native PostgreSQL on loopback (psql \copy; installed with apt and
 *    started on a private port when missing),
 *  - PGlite in Node, with each of the engine's levers on and off,
 *  - PGlite in headless Chromium, in a dedicated worker, in memory, in
 *    IndexedDB and in OPFS, with all levers on and all off,
 *  - the whole flow through the engine (task times) in Node and Chromium,
 * and µs per row at 10k, 100k, 223k and 447k rows (447k: the month twice).
 * Every configuration runs once per round, BENCH_REPS (3) rounds, each run on
 * a fresh database; medians are printed (rounds interleave the
 * configurations, so load from other work on the machine falls on all of
 * them alike). Wall-clock ms, and the CPU time of the thread that ran the
 * steps. bench/results/latest.json keeps every run. Speed is never asserted.
 * BENCH_PARTS=native,node,sizes,engine,browser runs only some parts.
 */
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync, rmSync, mkdtempSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg, tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { parseFlow, runExecution, systemClock } from '../src/engine';
import { resolveInputs } from '../src/engine/inputs/resolveInputs';
import { createNodeServices } from '../src/cli/createNodeServices';
import { median, STEPS, stepTimes, type Step } from './flowSteps';
import { startNativePostgres } from './nativePostgres';
import { serveBench } from './serveBench';
import { benchTemplates } from './templateRender';
import { taxiSql } from './taxiSql';
import { concatCsv, firstRows, medianSteps, type StepTimes } from './loadSteps';
import { makeSnapshots, pgliteNodeSteps } from './pgliteNode';
import { findChromiumWorkerThread, threadCpuMs } from './threadCpu';
import { ALL_OFF, ALL_ON, LEVER_NAMES, LEVER_ORDER, type BrowserStore, type Levers } from './levers';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPS = Number(process.env.BENCH_REPS ?? 3);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'native,node,sizes,engine,browser').split(','));
const FILE = 'green_tripdata_2020-03.csv';
const FLOW = readFileSync(join(ROOT, 'flows/02_postgres_taxi.yaml'), 'utf8');
const SQL = taxiSql(FLOW, FILE);
const MONTH = gunzipSync(readFileSync(join(ROOT, 'public/data/full', FILE + '.gz')));
const ROWS = 223_406;
const SIZES = [
  { label: '10k', rows: 10_000, csv: firstRows(MONTH, 10_000) },
  { label: '100k', rows: 100_000, csv: firstRows(MONTH, 100_000) },
  { label: '223k', rows: ROWS, csv: MONTH },
  { label: '447k', rows: 2 * ROWS, csv: concatCsv(MONTH, MONTH) },
];
type Size = (typeof SIZES)[number];
type FlowTimes = Record<Step | 'flow', number>;
const STORE_NAMES: Record<BrowserStore, string> = { memory: 'memory', idb: 'IndexedDB', opfs: 'OPFS' };

const leverLabel = (l: Levers) => {
  const on = LEVER_ORDER.filter((k) => l[k]);
  if (on.length === LEVER_ORDER.length) return 'all levers';
  if (!on.length) return 'no lever (PGlite as shipped)';
  const off = LEVER_ORDER.filter((k) => !l[k]);
  return off.length === 1 ? `all but ${LEVER_NAMES[off[0]]}` : on.map((k) => LEVER_NAMES[k]).join(' + ');
};
const same = (a: Levers, b: Levers) => LEVER_ORDER.every((k) => a[k] === b[k]);

/** A native PostgreSQL cluster and one run of the three steps on it (fresh tables each time). */
function nativeRunner() {
  const pg = startNativePostgres();
  const files = new Map<string, string>();
  return {
    version: pg.version,
    run(size: Size): StepTimes {
      let file = files.get(size.label);
      if (!file) {
        file = `/tmp/kestra-bench-pg-${size.label}.csv`;
        writeFileSync(file, size.csv);
        files.set(size.label, file);
      }
      pg.psql(SQL.setup);
      // the backend's CPU time (utime + stime from /proc) around the three steps
      const stat = '\\! cat /proc/$PGBENCH_PID/stat';
      const script = ['SELECT pg_backend_pid() AS pid \\gset', '\\setenv PGBENCH_PID :pid', stat, '\\timing on', `\\copy ${SQL.staging} (${SQL.columns.join(', ')}) FROM '${file}' WITH (FORMAT CSV, HEADER TRUE)`, SQL.update, SQL.merge, '\\timing off', stat];
      const out = pg.psql(script.join('\n'));
      const t = [...out.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
      const ticks = [...out.matchAll(/^\d+ \(postgres\) .*$/gm)].map((m) => m[0].split(') ')[1].split(' ')).map((f) => (Number(f[11]) + Number(f[12])) * 10);
      if (t.length !== 3) throw new Error(`psql printed ${t.length} timings:\n${out}`);
      return { copy: t[0], update: t[1], merge: t[2], ...(ticks.length === 2 ? { cpu: ticks[1] - ticks[0] } : {}) };
    },
    stop() {
      pg.stop();
      for (const f of files.values()) rmSync(f, { force: true });
    },
  };
}

async function nodeEngineFlow(services: Awaited<ReturnType<typeof createNodeServices>>['services']): Promise<FlowTimes> {
  const flow = parseFlow(FLOW).flow!;
  const db = await services.database!('postgres-zoomcamp');
  await db.exec('DROP TABLE IF EXISTS green_tripdata; DROP TABLE IF EXISTS green_tripdata_staging;');
  const exec = await runExecution(flow, { inputs: (await resolveInputs(flow, { taxi: 'green', year: '2020', month: '03' })).values, services: { ...services, clock: systemClock } });
  return stepTimes(exec, 'green');
}

/** Builds the page and its worker with esbuild (not the site build) next to PGlite's files. */
function buildBrowserBundle(dir: string) {
  mkdirSync(dir, { recursive: true });
  const esbuild = join(ROOT, 'node_modules/.bin/esbuild');
  for (const [entry, out] of [['bench/browserEntry.ts', 'bench.js'], ['bench/browserWorker.ts', 'worker.js']]) {
    execFileSync(esbuild, [join(ROOT, entry), '--bundle', '--format=esm', '--platform=browser', '--external:node:*', `--outfile=${join(dir, out)}`, '--log-level=error'], { stdio: 'inherit' });
  }
  for (const f of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) copyFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/dist', f), join(dir, f));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="bench.js"></script>');
}

/** Headless Chromium with the bench page open; `steps` and `flow` run one rep in its worker. */
async function openBrowser(snapshots: { checksums: Uint8Array; none: Uint8Array }) {
  const dir = join(ROOT, 'bench/results/browser');
  buildBrowserBundle(dir);
  const memory = new Map<string, Uint8Array>([['snapshot-checksums.tar.gz', snapshots.checksums], ['snapshot-none.tar.gz', snapshots.none]]);
  for (const s of SIZES) memory.set(`${s.label}.csv`, s.csv);
  const { url, server } = await serveBench(dir, join(ROOT, 'public/data'), memory);
  // a profile on disk, so IndexedDB and OPFS are real storage (not an incognito context's memory)
  const profile = mkdtempSync(join(tmpdir(), 'kestra-bench-chromium-'));
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page: Page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error('page error:', e.message));
    let thread: { pid: number; tid: number } | null | undefined;
    await page.exposeFunction('benchWorkerCpu', () => {
      thread ??= findChromiumWorkerThread(profile);
      return thread ? threadCpuMs(thread.pid, thread.tid) : null;
    });
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'bench-ready' || document.title.startsWith('bench-error'), null, { timeout: 60_000 });
    const call = <T>(request: Record<string, unknown>) =>
      page.evaluate((r) => (globalThis as unknown as { benchCall: (r: unknown) => Promise<unknown> }).benchCall(r), request) as Promise<T>;
    const snapshotUrl = (l: Levers) => `${url}mem/snapshot-${l.noChecksums ? 'none' : 'checksums'}.tar.gz`;
    const ctx = context;
    return {
      steps: async (store: BrowserStore, levers: Levers, size: Size) =>
        (await call<StepTimes[]>({ kind: 'steps', store, levers, reps: 1, csvUrl: `${url}mem/${size.label}.csv`, snapshotUrl: snapshotUrl(levers), flowSource: FLOW }))[0],
      flow: async () => (await call<FlowTimes[]>({ kind: 'flow', reps: 1, snapshotUrl: snapshotUrl(ALL_ON), flowSource: FLOW }))[0],
      async close() {
        await ctx.close();
        server.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context?.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

/** bench/templateRender.ts run on commit fde65d5, before the interpreter replaced the nunjucks translation (same machine, median of 3). */
const TEMPLATES_BEFORE = { coldMs: 13.7, warmUs: 3.2 };

const pad = (s: string | number, n = 8) => String(s).padStart(n);
const fix = (v: number | undefined, d = 0) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));

interface Config {
  key: string;
  label: string;
  run: () => Promise<StepTimes | FlowTimes>;
}

async function main() {
  const started = performance.now();
  const loadBefore = loadavg().map((x) => x.toFixed(1)).join(' ');
  const tpl = benchTemplates();
  console.log(
    `Taxi flow templates (${tpl.templates}): first render ${tpl.coldMs.toFixed(1)} ms (before: ${TEMPLATES_BEFORE.coldMs} ms, ${(tpl.coldMs / TEMPLATES_BEFORE.coldMs).toFixed(2)}×); ` +
      `warm ${tpl.warmUsPerTemplate.toFixed(1)} µs per template (before: ${TEMPLATES_BEFORE.warmUs} µs, ${(tpl.warmUsPerTemplate / TEMPLATES_BEFORE.warmUs).toFixed(2)}×)\n`,
  );
  console.log(`Taxi load steps (COPY → md5 UPDATE → MERGE), green 2020-03 (${ROWS.toLocaleString('en')} rows); ${REPS} rounds, each configuration once per round on a fresh database; medians`);

  const month = SIZES[2];
  const snapshots = await makeSnapshots();
  const configs: Config[] = [];
  const nat = PARTS.has('native') ? nativeRunner() : null;
  const br = PARTS.has('browser') ? await openBrowser(snapshots).catch((e) => (console.log(`  Chromium could not start: ${(e as Error).message}`), null)) : null;
  const nodeServices = PARTS.has('engine') ? await createNodeServices({ dataset: 'full' }) : null;
  try {
    // the levers: none, then added one by one (the last is all), then each one taken out of all
    const leverSets: Levers[] = [ALL_OFF];
    for (let k = 1; k <= LEVER_ORDER.length; k++) leverSets.push(Object.fromEntries(LEVER_ORDER.map((l, j) => [l, j < k])) as unknown as Levers);
    for (const l of LEVER_ORDER) {
      const without = { ...ALL_ON, [l]: false };
      if (!leverSets.some((c) => same(c, without))) leverSets.push(without);
    }
    const node = (levers: Levers, size: Size): Config => ({
      key: `node ${leverLabel(levers)} ${size.label}`,
      label: `PGlite Node, ${leverLabel(levers)}`,
      run: async () => (await pgliteNodeSteps(SQL, size.csv, levers, snapshots, 1))[0],
    });
    for (const size of PARTS.has('sizes') ? SIZES : [month]) {
      if (nat) configs.push({ key: `native ${size.label}`, label: 'native PostgreSQL', run: async () => nat.run(size) });
      for (const levers of size === month && PARTS.has('node') ? leverSets : [ALL_ON, ALL_OFF]) configs.push(node(levers, size));
      if (br) {
        for (const store of size === month ? (['memory', 'idb', 'opfs'] as BrowserStore[]) : ['memory' as const]) {
          for (const levers of size === month ? [ALL_ON, ALL_OFF] : [ALL_ON]) {
            configs.push({ key: `chromium ${store} ${leverLabel(levers)} ${size.label}`, label: `Chromium ${STORE_NAMES[store]}, ${leverLabel(levers)}`, run: () => br.steps(store, levers, size) });
          }
        }
      }
    }
    if (nodeServices) configs.push({ key: 'engine node', label: 'engine in Node', run: () => nodeEngineFlow(nodeServices.services) });
    if (br) configs.push({ key: 'engine chromium', label: 'engine in Chromium (worker, memory)', run: () => br.flow() });

    // one untimed run first, so no measured run pays for V8 optimising PGlite's code
    await pgliteNodeSteps(SQL, SIZES[1].csv, ALL_ON, snapshots, 1);
    if (br) await br.steps('memory', ALL_ON, SIZES[1]);
    const runs = new Map<string, (StepTimes | FlowTimes)[]>();
    for (let round = 0; round < REPS; round++) {
      const t = performance.now();
      for (const c of configs) {
        try {
          const r = await c.run();
          runs.set(c.key, [...(runs.get(c.key) ?? []), r]);
        } catch (e) {
          console.log(`  ${c.key} failed: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      console.log(`  round ${round + 1} of ${REPS}: ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    report(runs, nat?.version ?? '', loadBefore);
    console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/latest.json'), JSON.stringify({ date: new Date().toISOString(), rounds: REPS, load: { before: loadBefore, after: loadavg() }, runs: Object.fromEntries(runs) }, null, 1));
  } finally {
    nat?.stop();
    await br?.close();
    await nodeServices?.close();
  }
}

function report(runs: Map<string, (StepTimes | FlowTimes)[]>, nativeVersion: string, loadBefore: string) {
  const steps = (key: string) => (runs.get(key) ?? []) as StepTimes[];
  const base = steps('native 223k').length ? medianSteps(steps('native 223k')) : null;
  console.log(
    `\nLoad average ${loadBefore} before, ${loadavg().map((x) => x.toFixed(1)).join(' ')} after (2 cores, shared with other work). ` +
      `ms: wall clock. CPU: the time the thread that ran the steps used (PGlite's thread in Node or in the Chromium worker, the PostgreSQL backend), which other load on the machine disturbs far less.`,
  );
  const header = `${''.padEnd(48)}${pad('COPY')}${pad('UPDATE')}${pad('MERGE')}${pad('3 steps', 9)}${pad('/native', 9)}${pad('µs/row')}${pad('CPU')}${pad('/native', 9)}`;
  const line = (label: string, key: string) => {
    const r = steps(key);
    if (!r.length) return;
    const m = medianSteps(r);
    console.log(
      `${label.padEnd(48)}${pad(fix(m.copy))}${pad(fix(m.update))}${pad(fix(m.merge))}${pad(fix(m.total), 9)}${pad(base ? `${fix(m.total / base.total, 2)}×` : '–', 9)}` +
        `${pad(fix((m.total * 1000) / ROWS, 1))}${pad(fix(m.cpu))}${pad(base?.cpu && m.cpu ? `${fix(m.cpu / base.cpu, 2)}×` : '–', 9)}`,
    );
  };
  console.log('\nWhere it runs (all levers = what the engine does; no lever = PGlite as shipped):');
  console.log(header);
  line(`native PostgreSQL ${nativeVersion.split(' ')[0]}`, 'native 223k');
  for (const l of [ALL_ON, ALL_OFF]) line(`PGlite Node, ${leverLabel(l)}`, `node ${leverLabel(l)} 223k`);
  for (const store of ['memory', 'idb', 'opfs'] as BrowserStore[]) for (const l of [ALL_ON, ALL_OFF]) line(`Chromium ${STORE_NAMES[store]}, ${leverLabel(l)}`, `chromium ${store} ${leverLabel(l)} 223k`);

  const leverKey = (l: Levers) => `node ${leverLabel(l)} 223k`;
  const cumulative = LEVER_ORDER.map((_, k) => Object.fromEntries(LEVER_ORDER.map((l, j) => [l, j <= k])) as unknown as Levers);
  if (steps(leverKey(cumulative[0])).length) {
    console.log('\nLevers, PGlite in Node (added one by one, then each one taken out of all):');
    console.log(header);
    line(leverLabel(ALL_OFF), leverKey(ALL_OFF));
    cumulative.forEach((l, k) => line(k === LEVER_ORDER.length - 1 ? `+ ${LEVER_NAMES[LEVER_ORDER[k]]} = all levers` : `+ ${LEVER_NAMES[LEVER_ORDER[k]]}`, leverKey(l)));
    for (const l of LEVER_ORDER) if (l !== LEVER_ORDER[LEVER_ORDER.length - 1]) line(`all but ${LEVER_NAMES[l]}`, leverKey({ ...ALL_ON, [l]: false }));
    for (const measure of ['total', 'cpu'] as const) {
      const at = (l: Levers) => (steps(leverKey(l)).length ? (medianSteps(steps(leverKey(l)))[measure] ?? NaN) : NaN);
      const none = at(ALL_OFF);
      const all = at(ALL_ON);
      console.log(`\nEach lever's share of the gain, ${measure === 'total' ? 'wall clock' : 'CPU'} (${fix(none)} → ${fix(all)} ms, ${fix(none - all)} ms):`);
      let prev = none;
      cumulative.forEach((l, k) => {
        const t = at(l);
        const without = at({ ...ALL_ON, [LEVER_ORDER[k]]: false });
        console.log(`  ${LEVER_NAMES[LEVER_ORDER[k]].padEnd(26)} added in order: ${pad(fix(prev - t), 6)} ms (${pad(fix((100 * (prev - t)) / (none - all)), 3)}%)   taken out of all: +${fix(without - all)} ms`);
        prev = t;
      });
    }
  }

  const sizeRows: [string, string][] = [
    ['native PostgreSQL', 'native'],
    ['PGlite Node, all levers', `node ${leverLabel(ALL_ON)}`],
    ['PGlite Node, no lever', `node ${leverLabel(ALL_OFF)}`],
    ['Chromium memory, all levers', `chromium memory ${leverLabel(ALL_ON)}`],
  ];
  if (steps(`${sizeRows[1][1]} 10k`).length) {
    for (const measure of ['total', 'cpu'] as const) {
      console.log(`\nµs per row for the 3 steps (${measure === 'total' ? 'wall clock' : 'CPU'}), by input size (447k: the month twice; flat is the goal):`);
      console.log(`${''.padEnd(34)}${SIZES.map((s) => pad(s.label)).join('')}   max/min`);
      for (const [label, key] of sizeRows) {
        const us = SIZES.map((s) => (steps(`${key} ${s.label}`).length ? ((medianSteps(steps(`${key} ${s.label}`))[measure] ?? NaN) * 1000) / s.rows : NaN));
        const ok = us.filter((x) => Number.isFinite(x));
        if (ok.length) console.log(`${label.padEnd(34)}${us.map((x) => pad(fix(x, 1))).join('')}   ${fix(Math.max(...ok) / Math.min(...ok), 2)}`);
      }
    }
  }

  const flows: [string, string][] = [
    ['engine in Node', 'engine node'],
    ['engine in Chromium (worker, memory)', 'engine chromium'],
  ];
  if (flows.some(([, k]) => runs.get(k)?.length)) {
    console.log('\nThe whole flow through the engine (task run times from the execution; the whole flow includes extract and the other tasks):');
    for (const [label, key] of flows) {
      const r = (runs.get(key) ?? []) as FlowTimes[];
      if (!r.length) continue;
      const m = (k: Step | 'flow') => median(r.map((x) => x[k]));
      const three = median(r.map((x) => STEPS.reduce((a, s) => a + x[s], 0)));
      console.log(`  ${label.padEnd(36)} ${STEPS.map((s) => `${s.replace(/_.*/, '')} ${fix(m(s))}`).join(', ')}; 3 steps ${fix(three)} ms${base ? ` (${fix(three / base.total, 2)}× native)` : ''}; whole flow ${fix(m('flow'))} ms`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
