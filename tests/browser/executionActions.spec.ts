import { test, expect, type Locator, type Page } from '@playwright/test';
import { openPlayground, setFlow } from './playgroundPage';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';

/** Serious or critical axe violations inside the playground. */
async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('section.pg').analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

// Kestra's execution actions on the Overview (Restart, Replay from a task run, previous / next execution)
// and its Metrics tab, in the playground: ExecutionService#restart / #replay (ExecutionServiceTest),
// plugin-jdbc-postgres CopyIn's `rows` counter.


const open = openPlayground;

/** The Overview's execution id. */
async function shownId(pg: Locator): Promise<string> {
  const row = pg.locator('.pg-overview-row').filter({ has: pg.page().locator('dt', { hasText: /^(Execution ID|執行 ID)$/ }) });
  return (await row.locator('dd code').textContent()) ?? '';
}

const FAILS_ONCE = `id: restart_demo
namespace: company.team
tasks:
  - id: first
    type: io.kestra.plugin.core.log.Log
    message: first says hi
  - id: second
    type: io.kestra.plugin.core.execution.Fail
    condition: "{{ taskrun.attemptsCount == 0 }}"
    errorMessage: second fails on its first attempt
  - id: third
    type: io.kestra.plugin.core.log.Log
    message: third ran
`;

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('pg-test-cleared')) {
      localStorage.clear();
      indexedDB.deleteDatabase('kestra-playground');
      sessionStorage.setItem('pg-test-cleared', '1');
    }
  });
});

test('Restart a failed execution: the same execution runs again from its failed task; Replay from a task makes a new one; previous / next move between them', async ({ page }) => {
  const pg = await open(page, 'learn-kestra/');
  await setFlow(page, pg, FAILS_ONCE);
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('FAILED');

  await pg.getByRole('tab', { name: 'Overview' }).click();
  const restart = pg.getByTestId('restart');
  await expect(restart).toBeEnabled();
  const failedId = await shownId(pg);
  expect(failedId).not.toBe('');
  await restart.click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  // the same execution, RESTARTED in its state history, Restart no longer offered
  expect(await shownId(pg)).toBe(failedId);
  await expect(pg.locator('.pg-history li')).toHaveText([/CREATED/, /RUNNING/, /FAILED/, /RESTARTED/, /RUNNING/, /SUCCESS/]);
  await expect(restart).toBeDisabled();
  await pg.getByRole('tab', { name: 'Gantt' }).click();
  const rows = await pg.locator('.pg-gantt-row').evaluateAll((r) => r.map((x) => `${x.getAttribute('data-task-id')}=${x.getAttribute('data-state')}`));
  expect(rows).toEqual(['first=SUCCESS', 'second=SUCCESS', 'third=SUCCESS']);
  // first ran once: one log line, from the first run
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-log-message', { hasText: 'first says hi' })).toHaveCount(1);
  await expect(pg.locator('.pg-log-message', { hasText: 'third ran' })).toHaveCount(1);

  // Replay from `second`: a new execution, `first` copied (its log stays with the old execution), the rest run again
  await pg.getByRole('tab', { name: 'Overview' }).click();
  const from = pg.getByTestId('replay-from');
  const secondOption = await from.locator('option', { hasText: /^second/ }).getAttribute('value');
  await from.selectOption(secondOption!);
  await pg.getByTestId('replay').click();
  await expect(pg.locator('.pg-overview-row', { hasText: 'Replay of' })).toContainText(failedId);
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  const replayId = await shownId(pg);
  expect(replayId).not.toBe(failedId);
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-log-message', { hasText: 'third ran' })).toHaveCount(1);
  await expect(pg.locator('.pg-log-message', { hasText: 'first says hi' })).toHaveCount(0);

  // previous / next through this browser's executions of the flow (newest first)
  await pg.getByRole('tab', { name: 'Overview' }).click();
  await expect(pg.getByText('Execution 1 of 2 in this browser (newest first)')).toBeVisible();
  await expect(pg.getByTestId('next-execution')).toBeDisabled();
  await pg.getByTestId('previous-execution').click();
  await expect.poll(() => shownId(pg)).toBe(failedId);
  await expect(pg.getByText('Execution 2 of 2 in this browser (newest first)')).toBeVisible();
  await expect(pg.getByTestId('previous-execution')).toBeDisabled();
  await pg.getByTestId('next-execution').click();
  await expect.poll(() => shownId(pg)).toBe(replayId);

  // Replay from the beginning: everything runs again in a third execution, `second` on its first attempt again, so it fails
  await pg.getByTestId('replay-from').selectOption('');
  await pg.getByTestId('replay').click();
  await expect(pg.locator('.pg-state')).toContainText('FAILED');
  await expect(pg.locator('.pg-overview-row', { hasText: 'Replay of' })).toContainText(replayId);
  await expect(pg.getByText('Execution 1 of 3 in this browser (newest first)')).toBeVisible();
});

test('zh-TW: the Overview actions and the Metrics tab speak Chinese', async ({ page }) => {
  const pg = await open(page, 'zh-tw/learn-kestra/');
  await setFlow(page, pg, FAILS_ONCE);
  // Kestra's button keeps its English name on Chinese pages
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('失敗 FAILED');
  await pg.getByRole('tab', { name: '總覽' }).click();
  await expect(pg.getByTestId('restart')).toHaveText('重新啟動');
  await expect(pg.getByTestId('replay')).toHaveText('重播');
  await pg.getByTestId('restart').click();
  await expect(pg.locator('.pg-state')).toContainText('成功 SUCCESS');
  await expect(pg.locator('.pg-history')).toContainText('已重新啟動 RESTARTED');
  await pg.getByRole('tab', { name: '指標' }).click();
  await expect(pg.getByTestId('metrics-empty')).toBeVisible();
});

test('Metrics tab: after a taxi sample run, the CopyIn task run shows the rows it loaded', async ({ page }) => {
  test.setTimeout(240_000);
  const manifest = JSON.parse(readFileSync('public/data/manifest.json', 'utf8')) as { files: Record<string, { sample: { rows: number } }> };
  const expected = manifest.files['green_tripdata_2019-01.csv.gz'].sample.rows;
  const pg = await open(page, 'etl-postgres/');
  await pg.locator('[data-input-id="taxi"] select').selectOption('green');
  await pg.locator('[data-input-id="year"] select').selectOption('2019');
  await pg.locator('[data-input-id="month"] select').selectOption('01');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 180_000 });
  await pg.getByRole('tab', { name: 'Metrics' }).click();
  const table = pg.getByTestId('metrics-table');
  const copy = table.locator('tbody tr', { hasText: 'green_copy_in_to_staging_table' });
  await expect(copy).toHaveCount(1);
  await expect(copy.locator('td')).toHaveText(['green_copy_in_to_staging_table', 'rows', 'counter', String(expected), '']);
  // the Queries tasks report fetch.size with their tags
  await expect(table.locator('tbody tr', { hasText: 'green_create_table' })).toContainText('fetch.size');
  // filter and sort
  await pg.getByLabel('Filter metrics').fill('copy_in');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await pg.getByLabel('Filter metrics').fill('');
  await table.getByRole('button', { name: 'Metric' }).click();
  await expect(table.locator('th[aria-sort="ascending"]')).toHaveText(/Metric/);
  const names = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  expect(await axeProblems(page)).toEqual([]);
  await pg.getByRole('tab', { name: 'Overview' }).click();
  await expect(pg.getByTestId('replay')).toBeEnabled();
  expect(await axeProblems(page)).toEqual([]);
});
