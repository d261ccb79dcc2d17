/**
 * The backfill benchmark's browser half: the built site (dist/) served as on
 * a static host (scripts/serveSite.ts), headless Chromium, the real
 * playground of lesson 2.2.4 with "Full month" chosen: the Triggers tab's
 * backfill of green_schedule from 2020-03-01 to 2020-12-31, as a learner does
 * it, timed from "Execute backfill" to the backfill's done state; then the
 * main table counted in the Database tab. Null when the site is not built.
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { serveSite } from '../scripts/serveSite';
import { launchOptions } from '../tests/browser/launchOptions';
import { sqlRows } from '../tests/browser/runSql';

export async function backfillInChromium(): Promise<{ wallMs: number; rows: number; executions: number } | null> {
  if (!existsSync('dist/index.html')) return null;
  const site = await serveSite({ dir: 'dist', port: 4397 });
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await (await browser.newContext({ baseURL: site.url })).newPage();
    await page.goto('scheduling-backfills/');
    const host = '.pg-host[data-flow="02_postgres_taxi_scheduled"]';
    const pg = page.locator(`${host} section.pg`);
    await pg.scrollIntoViewIfNeeded();
    await page.locator(`${host} section.pg[data-ready="true"]`).waitFor({ timeout: 120_000 });
    await pg.getByRole('radio', { name: 'Full month' }).check();
    await pg.getByRole('tab', { name: 'Triggers' }).click();
    await pg.locator('[data-trigger-id="green_schedule"]').getByRole('button', { name: 'Backfill executions' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Start/).fill('2020-03-01T00:00');
    await dialog.getByLabel(/^End/).fill('2020-12-31T23:59');
    await dialog.locator('[data-input-id="taxi"] select').selectOption('green');
    const t0 = performance.now();
    await dialog.getByRole('button', { name: 'Execute backfill' }).click();
    await page.locator(`${host} [data-testid="backfill-green_schedule"][data-phase="done"]`).waitFor({ timeout: 1_800_000 });
    const wallMs = performance.now() - t0;
    const counts = await sqlRows(pg, 'SELECT count(*) AS n, count(DISTINCT filename) AS files FROM public.green_tripdata;');
    const [rows, files] = counts.split(' ').map(Number);
    return { wallMs, rows, executions: files };
  } finally {
    await browser.close();
    await site.close();
  }
}
