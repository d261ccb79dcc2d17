import { test, expect, chromium, type Locator, type Page } from '@playwright/test';
import { openPlayground } from './playgroundPage';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchOptions } from './launchOptions';
import { sqlRows } from './runSql';

/**
 * Nothing a learner loaded is lost: not by a reload right after SUCCESS, not
 * by closing the browser in the middle of a MERGE, not by two tabs loading at
 * once. Each of these lost rows before the databases were made durable before
 * SUCCESS and leased to one tab at a time.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const ready = (page: Page, path = 'etl-postgres/') => openPlayground(page, path);

async function chooseMonth(pg: Locator, taxi: string, year: string, month: string, dataset: 'Sample' | 'Full month') {
  await pg.locator('[data-input-id="taxi"] select').selectOption(taxi);
  await pg.locator('[data-input-id="year"] select').selectOption(year);
  await pg.locator('[data-input-id="month"] select').selectOption(month);
  await pg.getByRole('radio', { name: dataset }).check();
}

const sql = sqlRows;

test('a reload one second after SUCCESS keeps every merged row', async ({ page }) => {
  const pg = await ready(page);
  await chooseMonth(pg, 'green', '2020', '11', 'Full month');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 180_000 });
  await page.waitForTimeout(1000);
  await page.reload();
  const again = page.locator('section.pg').first();
  await again.scrollIntoViewIfNeeded();
  await expect(again).toHaveAttribute('data-ready', 'true');
  const counts = await sql(again, "SELECT (SELECT count(*) FROM public.green_tripdata) AS main, (SELECT count(*) FROM public.green_tripdata_staging) AS staging;");
  expect(counts).toBe('88605 88605');
});

test('closing the browser in the middle of the MERGE and opening it again: consistent tables, the run kept as it was', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'pw-profile-'));
  const base = test.info().project.use.baseURL!;
  try {
    let context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL: base });
    let page = context.pages()[0] ?? (await context.newPage());
    const pg = await ready(page);
    await chooseMonth(pg, 'green', '2020', '03', 'Full month');
    await pg.getByRole('button', { name: 'Execute', exact: true }).click();
    // watched for on every change of the page (expect's polling slows to once a second and could miss it)
    await page.waitForFunction(() => !!document.querySelector('.pg-gantt-row[data-task-id="green_merge_data"][data-state="RUNNING"]'), null, { polling: 'raf', timeout: 180_000 });
    // the MERGE of 223,406 rows takes more than a second: close the browser while it runs
    await page.waitForTimeout(300);
    await context.close();

    context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL: base });
    page = context.pages()[0] ?? (await context.newPage());
    const again = await ready(page);
    // the MERGE is one transaction: the main table has all of the month or none of it; the staging table (committed before) all
    const counts = await sql(again, 'SELECT (SELECT count(*) FROM public.green_tripdata) AS main, (SELECT count(*) FROM public.green_tripdata_staging) AS staging;');
    expect(counts).toMatch(/^(0|223406) 223406$/);
    // the interrupted run keeps the task runs that finished, with their real times
    await again.getByRole('tab', { name: 'Executions' }).click();
    await expect(again.locator('.pg-table tbody tr').first()).toContainText('interrupted by a page reload');
    await again.getByRole('button', { name: /^Open execution/ }).first().click();
    await expect(again.locator('.pg-notice')).toContainText('Interrupted by a page reload');
    await expect(again.locator('.pg-gantt-row[data-task-id="green_copy_in_to_staging_table"][data-state="SUCCESS"]')).toHaveCount(1);
    await expect(again.locator('.pg-gantt-row[data-task-id="green_merge_data"][data-state="KILLED"]')).toHaveCount(1);
    // and the database goes on working: the same month loads to the end
    await again.getByRole('tab', { name: 'Gantt' }).click();
    await chooseMonth(again, 'green', '2020', '03', 'Full month');
    await again.getByRole('button', { name: 'Execute', exact: true }).click();
    await expect(again.locator('.pg-state')).toContainText('SUCCESS', { timeout: 180_000 });
    expect(await sql(again, 'SELECT count(*) AS n FROM public.green_tripdata;')).toBe('223406');
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test('two tabs load at once: the second is told and waits, and no row of either is lost', async ({ context }) => {
  const one = await context.newPage();
  const two = await context.newPage();
  const pg1 = await ready(one);
  const pg2 = await ready(two);
  await chooseMonth(pg1, 'green', '2020', '06', 'Full month');
  await chooseMonth(pg2, 'green', '2020', '07', 'Full month');
  await pg1.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg1.locator('.pg-gantt-row[data-task-id="green_create_table"]')).toBeVisible({ timeout: 120_000 });
  await pg2.getByRole('button', { name: 'Execute', exact: true }).click();
  // tab two needs the databases while tab one runs: it says so, and waits
  await expect(pg2.getByTestId('lease-waiting')).toBeVisible({ timeout: 60_000 });
  await expect(pg1.locator('.pg-state')).toContainText('SUCCESS', { timeout: 180_000 });
  await expect(pg2.locator('.pg-state')).toContainText('SUCCESS', { timeout: 180_000 });
  await expect(pg2.getByTestId('lease-waiting')).toHaveCount(0);
  // a fresh tab finds both months
  const three = await context.newPage();
  const pg3 = await ready(three);
  const counts = await sql(pg3, 'SELECT filename, count(*) AS n FROM public.green_tripdata GROUP BY filename ORDER BY filename;');
  expect(counts).toBe('green_tripdata_2020-06.csv 63109\ngreen_tripdata_2020-07.csv 72257');
});

test('COPY … TO PROGRAM is refused with a clear error, and later queries and tasks still answer', async ({ page }) => {
  const pg = await ready(page);
  await pg.getByRole('tab', { name: 'Database' }).click();
  await pg.getByLabel('SQL query').fill("COPY (SELECT 1) TO PROGRAM 'cat';");
  await pg.getByRole('button', { name: 'Run query' }).click();
  await expect(pg.locator('.pg-panel')).toContainText('COPY … PROGRAM is not supported by the in-browser PostgreSQL', { timeout: 60_000 });
  await expect(pg.locator('.pg-panel')).toContainText('0A000');
  expect(await sql(pg, 'SELECT 2 AS two;')).toBe('2');
});

test('a huge result is paged and its count capped; a query that never ends can be cancelled, and the data stays', async ({ page }) => {
  const pg = await ready(page);
  expect(await sql(pg, 'CREATE TABLE kept (a int); INSERT INTO kept VALUES (7); SELECT * FROM kept;')).toBe('7');
  await sql(pg, 'SELECT g FROM generate_series(1, 10000000) AS g;');
  await expect(pg.locator('.pg-panel')).toContainText('of more than 1,000,000', { timeout: 60_000 });
  await pg.getByRole('button', { name: 'Next page' }).click();
  await expect(pg.locator('.pg-panel table').last()).toContainText('51');
  // a query that would run for minutes
  await pg.getByLabel('SQL query').fill('SELECT count(*) FROM generate_series(1, 2000000000);');
  await pg.getByRole('button', { name: 'Run query' }).click();
  await pg.getByRole('button', { name: 'Cancel query' }).click();
  await expect(pg.locator('.pg-panel')).toContainText('The query was cancelled', { timeout: 30_000 });
  expect(await sql(pg, 'SELECT a FROM kept;')).toBe('7');
});
