import { test, expect, type Locator, type Page } from '@playwright/test';
import { openPlayground } from './playgroundPage';
import { runSql as runSqlAndWait } from './runSql';

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const openTaxiLesson = (page: Page, prefix = '') => openPlayground(page, `${prefix}etl-postgres/`);

async function chooseMonth(pg: Locator, taxi: string, year: string, month: string) {
  await pg.locator('[data-input-id="taxi"] select').selectOption(taxi);
  await pg.locator('[data-input-id="year"] select').selectOption(year);
  await pg.locator('[data-input-id="month"] select').selectOption(month);
}

async function runSql(pg: Locator, sql: string): Promise<Locator> {
  return (await runSqlAndWait(pg, sql)).locator('table').last();
}

test('green 2020-11, full month: SUCCESS, the Gantt rows, rows landed in Outputs and in the database; a re-run adds none', async ({ page }) => {
  // responsiveness: the longest main-thread task while the month loads (reported, not asserted)
  await page.addInitScript(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as unknown as { longTasks: number[] }).longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const pg = await openTaxiLesson(page);
  await chooseMonth(pg, 'green', '2020', '11');
  await pg.getByRole('radio', { name: 'Full month' }).check();
  await expect(pg.locator('.pg-dataset')).toContainText('88,605 rows');
  const before = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.length);
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 180_000 });
  const longTasks = await page.evaluate((n) => (window as unknown as { longTasks: number[] }).longTasks.slice(n), before);
  test.info().annotations.push({
    type: 'main-thread long tasks during the full-month run',
    description: `${longTasks.length} over 50 ms; longest ${Math.round(Math.max(0, ...longTasks))} ms`,
  });
  console.log(`[responsiveness] green 2020-11 full month: ${longTasks.length} long tasks, longest ${Math.round(Math.max(0, ...longTasks))} ms`);

  const states = await pg.locator('.pg-gantt-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-task-id')}=${r.getAttribute('data-state')}`));
  expect(states).toEqual([
    'set_label=SUCCESS',
    'extract=SUCCESS',
    'if_yellow_taxi=SUCCESS',
    'if_green_taxi=SUCCESS',
    'green_create_table=SUCCESS',
    'green_create_staging_table=SUCCESS',
    'green_truncate_staging_table=SUCCESS',
    'green_copy_in_to_staging_table=SUCCESS',
    'green_add_unique_id_and_filename=SUCCESS',
    'green_merge_data=SUCCESS',
    'purge_files=SUCCESS',
  ]);
  // Outputs: the copy task loaded every row of the month
  await pg.getByRole('tab', { name: 'Outputs' }).click();
  await pg.getByRole('button', { name: /green_copy_in_to_staging_table/ }).click();
  await expect(pg.locator('.pg-panel')).toContainText('88605');
  // the database panel: the merged table holds the month
  let grid = await runSql(pg, 'SELECT count(*) AS n FROM public.green_tripdata;');
  await expect(grid).toContainText('88605');

  // a second run of the same month adds nothing
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 180_000 });
  grid = await runSql(pg, 'SELECT count(*) AS n FROM public.green_tripdata;');
  await expect(grid).toContainText('88605');

  // after a reload, the tables and both past executions are still there
  await page.reload();
  const again = page.locator('section.pg').first();
  await again.scrollIntoViewIfNeeded();
  await expect(again).toHaveAttribute('data-ready', 'true');
  await again.getByRole('tab', { name: 'Database' }).click();
  // PGlite starts again from OPFS after the reload
  await expect(again.locator('.pg-panel')).toContainText('green_tripdata', { timeout: 60_000 });
  grid = await runSql(again, 'SELECT filename, count(*) FROM public.green_tripdata GROUP BY 1;');
  await expect(grid).toContainText('green_tripdata_2020-11.csv');
  await expect(grid).toContainText('88605');
  await again.getByRole('tab', { name: 'Executions' }).click();
  await expect(again.locator('.pg-table tbody tr')).toHaveCount(2);
});

test('reloading during a run: the run keeps its real history, ends KILLED at the reload, and says so; the database still answers', async ({ page }) => {
  const pg = await openTaxiLesson(page);
  await chooseMonth(pg, 'green', '2020', '03');
  await pg.getByRole('radio', { name: 'Full month' }).check();
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  // the COPY of 223,406 rows takes seconds: reload while it runs
  await expect(pg.locator('.pg-gantt-row[data-task-id="green_copy_in_to_staging_table"][data-state="RUNNING"]')).toBeVisible({ timeout: 120_000 });
  await page.waitForTimeout(1500);
  await page.reload();
  const again = page.locator('section.pg').first();
  await again.scrollIntoViewIfNeeded();
  await expect(again).toHaveAttribute('data-ready', 'true');
  await again.getByRole('tab', { name: 'Executions' }).click();
  await expect(again.locator('.pg-table tbody tr')).toHaveCount(1);
  const row = again.locator('.pg-table tbody tr').first();
  await expect(row).toContainText('KILLED');
  await expect(row).toContainText('interrupted by a page reload');
  await again.getByRole('button', { name: /^Open execution/ }).click();
  await expect(again.locator('.pg-notice')).toContainText('Interrupted by a page reload');
  // what had finished stays SUCCESS; the task that was running ends KILLED; every bar has its real times
  const states = await again.locator('.pg-gantt-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-task-id')}=${r.getAttribute('data-state')}`));
  expect(states.slice(0, 8)).toEqual([
    'set_label=SUCCESS',
    'extract=SUCCESS',
    'if_yellow_taxi=SUCCESS',
    'if_green_taxi=KILLED',
    'green_create_table=SUCCESS',
    'green_create_staging_table=SUCCESS',
    'green_truncate_staging_table=SUCCESS',
    'green_copy_in_to_staging_table=KILLED',
  ]);
  // the execution lasted at least as long as the COPY ran before the reload (not 0.002 s)
  await again.getByRole('tab', { name: 'Overview' }).click();
  const duration = await again.locator('.pg-panel').textContent();
  expect(duration).not.toMatch(/\b0\.0\d\ds/);
  // the tables created before the reload are still there and answer
  await again.getByRole('tab', { name: 'Database' }).click();
  await expect(again.locator('.pg-panel')).toContainText('green_tripdata_staging');
  const grid = await runSql(again, 'SELECT count(*) AS n FROM public.green_tripdata;');
  await expect(grid).toBeVisible();
});

test('a SQL error in the panel shows Postgres message and SQLSTATE, and the panel keeps working', async ({ page }) => {
  const pg = await openTaxiLesson(page);
  await runSql(pg, 'CREATE TABLE t (a int);');
  await runSql(pg, 'SELECT\n  nope FROM t;');
  await expect(pg.locator('.pg-panel')).toContainText('42703');
  await expect(pg.locator('.pg-panel')).toContainText('column "nope" does not exist');
  await expect(pg.locator('.pg-panel')).toContainText('Line 2, column 3');
  const grid = await runSql(pg, 'SELECT 40 + 2 AS answer;');
  await expect(grid).toContainText('42');
});

test('kill mid-run ends KILLED and the database still answers', async ({ page }) => {
  const pg = await openTaxiLesson(page);
  await chooseMonth(pg, 'green', '2020', '03');
  await pg.getByRole('radio', { name: 'Full month' }).check();
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-gantt-row[data-task-id="green_create_table"]')).toBeVisible({ timeout: 120_000 });
  await pg.getByRole('button', { name: 'Kill', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('KILLED', { timeout: 120_000 });
  await expect(pg.locator('.pg-gantt-row[data-state="KILLED"]').first()).toBeVisible();
  const grid = await runSql(pg, 'SELECT 40 + 2 AS answer;');
  await expect(grid).toContainText('42');
});

test('zh-TW: the taxi flow runs with the sample and the database panel speaks Chinese', async ({ page }) => {
  const pg = await openTaxiLesson(page, 'zh-tw/');
  await chooseMonth(pg, 'yellow', '2019', '01');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('成功 SUCCESS', { timeout: 180_000 });
  await pg.getByRole('tab', { name: '資料庫' }).click();
  await expect(pg.locator('.pg-panel')).toContainText('yellow_tripdata');
});
