/**
 * The dbt runner's benchmark: `dbt build --vars '{is_test_run: false}'` of the
 * shipped taxi_rides_ny project over a full green month (2020-03, 223,406
 * rows) and the yellow 2019-01 sample, in Node on PGlite; then every
 * statement that build sent to the database, replayed in one psql script on a
 * native PostgreSQL (bench/nativePostgres.ts) holding the same rows. Prints
 * the build's time per node and in total, and the ratio to native.
 *
 *   npx tsx bench/dbtBench.ts        (BENCH_REPS=3 by default)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { parseFlow, runExecution, systemClock } from '../src/engine';
import { resolveInputs } from '../src/engine/inputs/resolveInputs';
import { createNodeServices } from '../src/cli/createNodeServices';
import { ShellFs } from '../src/engine/shell/ShellFs';
import { runDbtCommand } from '../src/engine/dbt/run/runDbtCommand';
import { shellWords } from '../src/engine/dbt/run/parseDbtArgs';
import type { NodeFinished } from '../src/engine/dbt/run/DbtLog';
import type { SqlDatabase } from '../src/engine/runtime/EngineServices';
import { median } from './flowSteps';
import { startNativePostgres } from './nativePostgres';
import { dbtInChromium } from './dbtInChromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPS = Number(process.env.BENCH_REPS ?? 3);
const PROJECT = join(ROOT, 'public/git/taxi_rides_ny');
const PROFILE = `default:
  target: dev
  outputs:
    dev:
      type: postgres
      host: host.docker.internal
      user: kestra
      password: k3str4
      port: 5432
      dbname: postgres-zoomcamp
      schema: public
      threads: 8
`;

/** A database that records every statement it is sent, for the native replay. */
function recording(db: SqlDatabase, log: string[]): SqlDatabase {
  const literal = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  const bind = (sql: string, params?: unknown[]) => (params?.length ? sql.replace(/\$(\d+)/g, (_m, i: string) => literal(params[Number(i) - 1])) : sql);
  const wrap = (q: Omit<SqlDatabase, 'transaction'>): Omit<SqlDatabase, 'transaction'> => ({
    exec: (sql, o) => (log.push(sql), q.exec(sql, o)),
    query: (sql, params, o) => (log.push(bind(sql, params)), q.query(sql, params, o)),
    version: () => q.version(),
  });
  return {
    ...wrap(db),
    transaction: (fn) =>
      db.transaction(async (tx) => {
        log.push('begin');
        const r = await fn(wrap(tx as SqlDatabase));
        log.push('commit');
        return r;
      }),
  };
}

function projectFs(): ShellFs {
  const fs = new ShellFs();
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  for (const f of walk(PROJECT)) fs.put(relative(PROJECT, f), new Uint8Array(readFileSync(f)));
  fs.put('profiles.yml', new TextEncoder().encode(PROFILE));
  return fs;
}

async function main() {
  const { services, close } = await createNodeServices({ dataset: 'full' });
  const flow = parseFlow(readFileSync(join(ROOT, 'flows/02_postgres_taxi.yaml'), 'utf8')).flow!;
  for (const inputs of [{ taxi: 'green', year: '2020', month: '03' }, { taxi: 'yellow', year: '2019', month: '01' }]) {
    const exec = await runExecution(flow, { inputs: (await resolveInputs(flow, inputs)).values, services: { ...services, clock: systemClock } });
    if (exec.state.current !== 'SUCCESS') throw new Error(`taxi flow ${inputs.taxi}: ${exec.state.current}`);
  }
  const db = await services.database!('postgres-zoomcamp');
  const rows = async (t: string) => Number((await db.query(`select count(*) as n from ${t}`)).rows[0].n);
  console.log(`loaded: green_tripdata ${await rows('green_tripdata')} rows, yellow_tripdata ${await rows('yellow_tripdata')} rows`);

  const builds: number[] = [];
  let nodes: NodeFinished[] = [];
  let statements: string[] = [];
  for (let i = 0; i < REPS; i++) {
    const fs = projectFs();
    const log: string[] = [];
    const finished: NodeFinished[] = [];
    const database = async () => recording(db, log);
    const run = (line: string) => runDbtCommand(shellWords(line), { fs, env: { DBT_DATABASE: 'postgres-zoomcamp', DBT_SCHEMA: 'public' }, database, listener: { log: () => undefined, nodeFinished: (n) => finished.push(n) }, invocationId: `bench-${i}` });
    await run('dbt deps');
    const t = performance.now();
    const out = await run("dbt build --vars '{is_test_run: false}'");
    builds.push(performance.now() - t);
    if (out.exitCode !== 0) throw new Error(`dbt build exited ${out.exitCode}`);
    nodes = finished;
    statements = log;
  }
  console.log(`fact_trips ${await rows('public.fact_trips')} rows, dm_monthly_zone_revenue ${await rows('public.dm_monthly_zone_revenue')} rows`);

  // the same rows on a native PostgreSQL, then the statements of the last build
  const green = (await db.query('select * from green_tripdata')).rows;
  const yellow = (await db.query('select * from yellow_tripdata')).rows;
  const ddl = (await db.query(`select table_name, string_agg(column_name || ' ' || data_type, ', ' order by ordinal_position) as cols from information_schema.columns where table_schema = 'public' and table_name in ('green_tripdata', 'yellow_tripdata') group by 1`)).rows;
  await close();

  const pg = startNativePostgres();
  try {
    const dir = '/tmp/kestra-bench-pg';
    const setup = ['drop schema public cascade; create schema public;', ...ddl.map((d) => `create table public.${d.table_name} (${d.cols});`)];
    for (const [name, data] of [['green_tripdata', green], ['yellow_tripdata', yellow]] as const) {
      const csvFile = `${dir}/${name}.csv`;
      await import('node:fs').then((f) => f.writeFileSync(csvFile, Papa.unparse(data as Record<string, unknown>[])));
      await import('node:fs').then((f) => f.chmodSync(csvFile, 0o644));
      setup.push(`\\copy public.${name} from '${csvFile}' with (format csv, header true)`);
    }
    pg.psql(setup.join('\n'));
    const script = statements.map((s) => (s === 'begin' ? 'begin;' : s === 'commit' ? 'commit;' : `${s.trim().replace(/;\s*$/, '')};`)).join('\n');
    const native: number[] = [];
    for (let i = 0; i < REPS; i++) {
      pg.psql('drop view if exists public.stg_green_tripdata, public.stg_yellow_tripdata cascade; drop table if exists public.taxi_zone_lookup, public.dim_zones, public.fact_trips, public.dm_monthly_zone_revenue cascade;');
      const t = performance.now();
      pg.psql(script);
      native.push(performance.now() - t);
    }
    const build = median(builds);
    const nat = median(native);
    console.log(`\n${nodes.length} nodes, ${statements.length} statements; PostgreSQL ${pg.version} native`);
    for (const n of nodes) console.log(`  ${n.uniqueId.split('.').slice(0, 3).join('.').padEnd(70)} ${n.status.padEnd(8)} ${(n.executionTime * 1000).toFixed(0).padStart(6)} ms`);
    console.log(`\ndbt build (PGlite in Node, ${REPS} runs): median ${(build / 1000).toFixed(2)} s`);
    console.log(`same statements on native PostgreSQL:       median ${(nat / 1000).toFixed(2)} s`);
    console.log(`ratio PGlite / native: ${(build / nat).toFixed(1)}x`);
    // the same build in the real playground, in Chromium (the built site; OPFS or IndexedDB as the browser offers)
    const chromium = await dbtInChromium(Math.min(REPS, 2)).catch((e) => (console.log(`Chromium part failed: ${(e as Error).message}`), undefined));
    if (chromium) {
      const c = median(chromium.builds);
      console.log(`the playground in Chromium (built site, ${chromium.builds.length} builds after loading both months in ${(chromium.loadMs / 1000).toFixed(1)} s): median ${(c / 1000).toFixed(2)} s, ${(c / nat).toFixed(1)}x native`);
    } else if (chromium === null) {
      console.log('Chromium part skipped: build the site first (npm run build)');
    }
  } finally {
    pg.stop();
  }
}

void main();
