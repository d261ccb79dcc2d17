import { test, expect, type Locator, type Page } from '@playwright/test';
import { sqlRows } from './runSql';

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const LESSON = { en: 'scheduling-backfills/', 'zh-TW': 'zh-tw/scheduling-backfills/' } as const;
const T = {
  en: { triggers: 'Triggers', backfill: 'Backfill executions', start: /^Start/, end: /^End/, execute: 'Execute backfill', database: 'Database', sql: 'SQL query', run: 'Run query', executions: 'Executions' },
  'zh-TW': { triggers: '觸發器', backfill: '回填執行', start: /^開始/, end: /^結束/, execute: 'Execute backfill', database: '資料庫', sql: 'SQL 查詢', run: '執行查詢', executions: '執行紀錄' },
} as const;

async function open(page: Page, lang: keyof typeof LESSON): Promise<Locator> {
  await page.goto(LESSON[lang]);
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  await pg.getByRole('tab', { name: T[lang].triggers }).click();
  await expect(pg.locator('[data-trigger-id="green_schedule"]')).toBeVisible();
  return pg;
}

async function backfill(page: Page, pg: Locator, lang: keyof typeof LESSON, trigger: string, start: string, end: string, taxi?: string) {
  await pg.locator(`[data-trigger-id="${trigger}"]`).getByRole('button', { name: T[lang].backfill }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(T[lang].start).fill(start);
  await dialog.getByLabel(T[lang].end).fill(end);
  if (taxi) await dialog.locator('[data-input-id="taxi"] select').selectOption(taxi);
  await dialog.getByRole('button', { name: T[lang].execute }).click();
  await expect(dialog).toHaveCount(0);
}

async function sql(pg: Locator, lang: keyof typeof LESSON, text: string): Promise<string> {
  return sqlRows(pg, text, T[lang]);
}

for (const lang of ['en', 'zh-TW'] as const) {
  test(`${lang}: the Triggers tab lists both schedules with their cron in words; a three-month backfill runs the months one after another and loads them`, async ({ page }) => {
    const pg = await open(page, lang);
    const green = pg.locator('[data-trigger-id="green_schedule"]');
    await expect(green).toContainText('0 9 1 * *');
    await expect(green).toContainText(lang === 'en' ? '09:00' : '09:00');
    await expect(green).toContainText('taxi: green');
    await expect(pg.locator('[data-trigger-id="yellow_schedule"]')).toContainText('0 10 1 * *');
    // Kestra 1.1 (the default setting) opens the form with the trigger's inputs: green
    await pg.locator('[data-trigger-id="green_schedule"]').getByRole('button', { name: T[lang].backfill }).click();
    await expect(page.getByRole('dialog').locator('[data-input-id="taxi"] select')).toHaveValue('green');
    await page.keyboard.press('Escape');
    await backfill(page, pg, lang, 'green_schedule', '2019-01-01T00:00', '2019-03-31T23:59');
    const progress = pg.getByTestId('backfill-green_schedule');
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
    await expect(progress).toContainText(lang === 'en' ? '3 of 3' : '3 次中的 3');
    // the executions appeared one by one, each with its labels
    await pg.getByRole('tab', { name: T[lang].executions }).click();
    const rows = pg.locator('.pg-table tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(pg.locator('.pg-table')).toContainText('backfill: true');
    await expect(pg.locator('.pg-table')).toContainText('file: green_tripdata_2019-03.csv');
    // and the rows are in the database
    const counts = await sql(pg, lang, 'SELECT filename, count(*) FROM public.green_tripdata GROUP BY 1 ORDER BY 1;');
    expect(counts).toBe('green_tripdata_2019-01.csv 99\ngreen_tripdata_2019-02.csv 8\ngreen_tripdata_2019-03.csv 8');
  });
}

test('a second backfill started during the first waits in QUEUED (concurrency limit 1), then runs', async ({ page }) => {
  const pg = await open(page, 'en');
  // whole months (tens of thousands of rows each) take seconds, so the second backfill has to wait
  await pg.getByRole('radio', { name: 'Full month' }).check();
  await backfill(page, pg, 'en', 'green_schedule', '2020-04-01T00:00', '2020-06-30T23:59');
  await backfill(page, pg, 'en', 'yellow_schedule', '2019-04-01T00:00', '2019-05-31T23:59');
  await pg.getByRole('tab', { name: 'Executions' }).click();
  await expect(pg.locator('.pg-table tbody tr', { hasText: 'QUEUED' }).first()).toBeVisible({ timeout: 60_000 });
  await pg.getByRole('tab', { name: 'Triggers' }).click();
  await expect(pg.getByTestId('backfill-green_schedule')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
  await expect(pg.getByTestId('backfill-yellow_schedule')).toHaveAttribute('data-phase', 'done', { timeout: 180_000 });
  await pg.getByRole('tab', { name: 'Executions' }).click();
  await expect(pg.locator('.pg-table tbody tr')).toHaveCount(5);
  await expect(pg.locator('.pg-table tbody tr', { hasText: 'QUEUED' })).toHaveCount(0);
});

test('Kestra 0.20 opens the backfill form with the flow defaults (yellow), and the simulated clock fires the next tick', async ({ page }) => {
  const pg = await open(page, 'en');
  await pg.getByLabel('Behave like').selectOption('0.20');
  await pg.locator('[data-trigger-id="green_schedule"]').getByRole('button', { name: 'Backfill executions' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('[data-input-id="taxi"] select')).toHaveValue('yellow');
  await expect(dialog.getByTestId('backfill-form-source')).toContainText('Kestra 0.20');
  await page.keyboard.press('Escape');
  await pg.getByLabel('Behave like').selectOption('1.1');
  const before = await pg.getByTestId('simulated-now').textContent();
  await pg.getByRole('button', { name: 'Fire the next tick now' }).click();
  await expect(pg.getByTestId('simulated-now')).not.toHaveText(before!);
  await pg.getByRole('tab', { name: 'Executions' }).click();
  await expect(pg.locator('.pg-table tbody tr')).toHaveCount(1, { timeout: 60_000 });
});
