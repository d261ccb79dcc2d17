import { test, expect } from '@playwright/test';

const CASES = [
  { path: 'learn-kestra/', execute: 'Execute', success: 'SUCCESS', lang: 'en' },
  { path: 'zh-tw/learn-kestra/', execute: 'Execute', success: '成功 SUCCESS', lang: 'zh-TW' },
] as const;

for (const c of CASES) {
  test(`hello world runs in the browser (${c.lang})`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(c.path);
    const pg = page.locator('section.pg').first();
    await pg.scrollIntoViewIfNeeded();
    await pg.getByRole('button', { name: c.execute, exact: true }).click();
    await expect(pg.locator('.pg-state')).toContainText(c.success);
    // one SUCCESS bar in the Gantt
    const rows = pg.locator('.pg-gantt-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-state', 'SUCCESS');
    await expect(rows.first()).toHaveAttribute('data-task-id', 'hello');
    // the log line
    await pg.getByRole('tab', { name: c.lang === 'en' ? 'Logs' : '日誌' }).click();
    await expect(pg.locator('.pg-log-message')).toHaveText(['Hello World! 🚀']);
    expect(errors).toEqual([]);
  });
}

test('an invalid YAML edit shows a located error instead of running', async ({ page }) => {
  await page.goto('learn-kestra/');
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  const editor = pg.getByRole('textbox', { name: 'Flow YAML' });
  await editor.fill('id: hello_world\nnamespace: company.team\ntasks:\n  - id: hello\n     type: io.kestra.plugin.core.log.Log\n');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  const alert = pg.getByRole('alert');
  await expect(alert).toContainText(/line [45], column \d+/);
  await expect(alert).toContainText('YAML');
  await expect(pg.locator('.pg-gantt-row')).toHaveCount(0);
  // the learner's text is still there
  await expect(editor).toContainText('     type: io.kestra');
});

test('the zh-TW page reports an invalid flow in Chinese', async ({ page }) => {
  await page.goto('zh-tw/learn-kestra/');
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await pg.getByRole('textbox', { name: '流程 YAML' }).fill('id: hello_world\nnamespace: company.team\ntasks: []\n');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.getByRole('alert')).toContainText('第 3 行');
});
