/**
 * What a visitor downloads and waits for, measured on the built site (dist/)
 * in headless Chromium:
 *  - JavaScript shipped to each page before any interaction (bytes and gzip);
 *  - page-to-playground-ready time on the hello-world lesson (navigation start
 *    until the engine worker has validated the flow), median of 5 cold loads;
 *  - whether running hello world fetches anything of PGlite (it must not);
 *  - the getting-started pipeline's first Python and DuckDB tasks (each runtime loads then).
 * Usage: npm run build && npx tsx bench/sitePages.ts
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const PORT = 4399;
const BASE = `http://127.0.0.1:${PORT}/`;
const DIST = 'dist';

async function waitFor(url: string, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

function gzipSize(urlPath: string): number {
  const file = join(DIST, decodeURIComponent(new URL(urlPath).pathname));
  return existsSync(file) ? gzipSync(readFileSync(file)).length : 0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('build the site first: npm run build');
  const server = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(PORT)], { stdio: 'ignore', detached: true });
  try {
    await waitFor(BASE);
    const browser = await chromium.launch({
      executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    console.log('JavaScript loaded by each page before any interaction (top of page, no scrolling):');
    console.log('page'.padEnd(34), 'files'.padStart(6), 'bytes'.padStart(10), 'gzip'.padStart(10));
    for (const path of ['', 'what-is-orchestration/', 'zh-tw/dbt/', 'learn-kestra/', 'etl-postgres/']) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const scripts = new Map<string, number>();
      page.on('response', async (r) => {
        if (r.request().resourceType() === 'script') scripts.set(r.url(), (await r.body().catch(() => Buffer.alloc(0))).length);
      });
      await page.goto(BASE + path, { waitUntil: 'networkidle' });
      const bytes = [...scripts.values()].reduce((a, b) => a + b, 0);
      const gz = [...scripts.keys()].reduce((a, u) => a + gzipSize(u), 0);
      console.log(`/${path}`.padEnd(34), String(scripts.size).padStart(6), String(bytes).padStart(10), String(gz).padStart(10));
      await ctx.close();
    }

    const times: number[] = [];
    let pgliteFetched: string[] = [];
    let totalJs = 0;
    let totalJsGzip = 0;
    for (let i = 0; i < 5; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const urls: string[] = [];
      const scriptUrls = new Set<string>();
      let js = 0;
      page.on('response', async (r) => {
        urls.push(r.url());
        if (r.request().resourceType() === 'script') {
          scriptUrls.add(r.url());
          js += (await r.body().catch(() => Buffer.alloc(0))).length;
        }
      });
      // cold: a fresh context has an empty cache
      await page.goto(BASE + 'learn-kestra/');
      await page.locator('section.pg').first().scrollIntoViewIfNeeded();
      await page.locator('section.pg[data-ready="true"]').first().waitFor();
      const ms = await page.evaluate(() => performance.now());
      times.push(ms);
      await page.getByRole('button', { name: 'Execute', exact: true }).first().click();
      await page.locator('.pg-state[data-state="SUCCESS"]').first().waitFor();
      pgliteFetched = urls.filter((u) => /pglite|\.wasm|\.data$|pgdata/i.test(u));
      totalJs = js;
      totalJsGzip = [...scriptUrls].reduce((a, u) => a + gzipSize(u), 0);
      await ctx.close();
    }
    console.log(`\nhello-world lesson, navigation start → playground ready (engine validated the flow), 5 cold loads:`);
    console.log(`  median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
    console.log(`  JavaScript fetched by then plus one hello-world run (page, island, engine worker): ${totalJs} bytes, ${totalJsGzip} gzip`);
    console.log(`  PGlite files fetched for hello world: ${pgliteFetched.length ? pgliteFetched.join(', ') : 'none'}`);

    // the first Python and DuckDB tasks in the browser: each runtime loads on its first task (cold cache)
    const pipeCtx = await browser.newContext();
    const pipe = await pipeCtx.newPage();
    await pipe.goto(BASE + 'learn-kestra/');
    const pg = pipe.locator('.pg-host[data-flow="01_getting_started_data_pipeline"] section.pg');
    await pg.scrollIntoViewIfNeeded();
    await pipe.locator('.pg-host[data-flow="01_getting_started_data_pipeline"] section.pg[data-ready="true"]').waitFor({ timeout: 60_000 });
    const started = Date.now();
    await pg.getByRole('button', { name: 'Execute', exact: true }).click();
    await pg.locator('.pg-state[data-state="SUCCESS"]').waitFor({ timeout: 300_000 });
    const total = Date.now() - started;
    const duration = async (task: string) => (await pg.locator(`.pg-gantt-row[data-task-id="${task}"] [role="img"]`).first().getAttribute('aria-label'))?.replace(/^.*Duration: /, '') ?? '?';
    console.log(`\ngetting-started pipeline (lesson 2.2.2), cold cache: Execute to SUCCESS ${(total / 1000).toFixed(1)} s`);
    console.log(`  first Python task (Pyodide loads): transform ${await duration('transform')}`);
    console.log(`  first DuckDB task (DuckDB-Wasm loads): query ${await duration('query')}`);
    await pipeCtx.close();
    await browser.close();
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
