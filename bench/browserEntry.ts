/// <reference lib="dom" />
import { parseFlow, runExecution, systemClock } from '../src/engine';
import { resolveInputs } from '../src/engine/inputs/resolveInputs';
import { createDataFetch } from '../src/engine/data/createDataFetch';
import { openPGlite } from '../src/engine/postgres/openPGlite';
import type { DataManifest } from '../src/engine/data/DataManifest';
import { stepTimes } from './flowSteps';

/** Runs the taxi flow in this page on an in-memory PGlite; called by bench/run.ts through Playwright. */
async function runBench(source: string, dataset: 'sample' | 'full', reps: number) {
  const t0 = performance.now();
  const h = await openPGlite();
  const boot = performance.now() - t0;
  const base = new URL('/data/', location.href);
  const fetchService = createDataFetch({
    dataset,
    manifest: async () => (await (await fetch(new URL('manifest.json', base))).json()) as DataManifest,
    readShipped: (path) => fetch(new URL(path, base)),
    realFetch: (url) => fetch(url),
  });
  const parsed = parseFlow(source);
  if (!parsed.flow) throw new Error(JSON.stringify(parsed.errors));
  const inputs = (await resolveInputs(parsed.flow, { taxi: 'green', year: '2020', month: '03' })).values;
  const results = [];
  for (let i = 0; i < reps; i++) {
    await h.db.exec('DROP TABLE IF EXISTS green_tripdata; DROP TABLE IF EXISTS green_tripdata_staging;');
    const exec = await runExecution(parsed.flow, { inputs, services: { clock: systemClock, database: async () => h.db, fetch: fetchService } });
    results.push(stepTimes(exec, 'green'));
  }
  const rows = Number((await h.db.query('SELECT count(*) AS n FROM green_tripdata')).rows[0].n);
  await h.close();
  return { boot, results, rows };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
document.title = 'bench-ready';
