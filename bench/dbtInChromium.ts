/**
 * The dbt benchmark's browser half: the built site (dist/) served as on a
 * static host (scripts/serveSite.ts, with its Content-Security-Policy), one
 * headless Chromium, the real playground: lesson 2.2.3 loads the full green
 * 2020-03 month and the yellow 2019-01 sample, then lesson 2.2.5 runs
 * `dbt build --vars '{is_test_run: false}'`; the dbt task's duration is read
 * from the execution (Overview's JSON is not needed: the Gantt row's label has
 * it). Returns each build's duration in ms; null when the site is not built.
 */
import { chromium, type Locator, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { serveSite } from '../scripts/serveSite';
import { launchOptions } from '../tests/browser/launchOptions';

async function playground(page: Page, path: string, flow: string): Promise<Locator> {
  await page.goto(path);
  const pg = page.locator(`.pg-host[data-flow="${flow}"] section.pg`);
  await pg.scrollIntoViewIfNeeded();
  await page.locator(`.pg-host[data-flow="${flow}"] section.pg[data-ready="true"]`).waitFor({ timeout: 120_000 });
  return pg;
}

async function execute(pg: Locator, timeout: number): Promise<string> {
  const before = (await pg.locator('.pg-state').count()) ? await pg.locator('.pg-state').textContent() : null;
  await pg.locator('.pg-toolbar button.pg-primary').first().click();
  const done = pg.locator('.pg-state[data-state="SUCCESS"], .pg-state[data-state="WARNING"], .pg-state[data-state="FAILED"], .pg-state[data-state="KILLED"]');
  await done.filter({ hasNotText: before ?? '\u0000' }).waitFor({ timeout });
  return (await done.getAttribute('data-state')) ?? '?';
}

export async function dbtInChromium(reps: number): Promise<{ builds: number[]; loadMs: number } | null> {
  if (!existsSync('dist/index.html')) return null;
  const site = await serveSite({ dir: 'dist', port: 4398 });
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await (await browser.newContext({ baseURL: site.url })).newPage();
    const taxi = await playground(page, 'etl-postgres/', '02_postgres_taxi');
    const started = performance.now();
    for (const [t, y, m, dataset] of [['green', '2020', '03', 'Full month'], ['yellow', '2019', '01', 'Sample']]) {
      await taxi.locator('[data-input-id="taxi"] select').selectOption(t);
      await taxi.locator('[data-input-id="year"] select').selectOption(y);
      await taxi.locator('[data-input-id="month"] select').selectOption(m);
      await taxi.getByRole('radio', { name: dataset }).check();
      const state = await execute(taxi, 300_000);
      if (state !== 'SUCCESS') throw new Error(`loading ${t} ${y}-${m} ended ${state}`);
    }
    const loadMs = performance.now() - started;
    const dbt = await playground(page, 'dbt/', '03_postgres_dbt');
    const builds: number[] = [];
    for (let i = 0; i < reps; i++) {
      await dbt.locator('[data-input-id="dbt_command"] input, [data-input-id="dbt_command"] select').first().fill("dbt build --vars '{is_test_run: false}'");
      const state = await execute(dbt, 900_000);
      const label = (await dbt.locator('.pg-gantt-row[data-task-id="dbt-build"] [role="img"]').first().getAttribute('aria-label')) ?? '';
      const d = /Duration: (?:(\d+)m )?([\d.]+)s/.exec(label);
      if (!d) throw new Error(`no duration for dbt-build (${state}): ${label}`);
      builds.push((Number(d[1] ?? 0) * 60 + Number(d[2])) * 1000);
    }
    return { builds, loadMs };
  } finally {
    await browser.close();
    await site.close();
  }
}
