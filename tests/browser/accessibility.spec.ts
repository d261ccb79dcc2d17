import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const PAGES = ['', 'what-is-orchestration/', 'learn-kestra/', 'etl-postgres/', 'scheduling-backfills/', 'dbt/', 'glossary/', 'run-on-kestra/'];

for (const prefix of ['', 'zh-tw/']) {
  for (const path of PAGES) {
    test(`axe: no serious or critical violations on /${prefix}${path}`, async ({ page }) => {
      await page.goto(prefix + path);
      const pg = page.locator('section.pg').first();
      if (await pg.count()) {
        await pg.scrollIntoViewIfNeeded();
        await expect(pg).toHaveAttribute('data-ready', 'true');
      }
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      expect(bad).toEqual([]);
    });
  }
}

test('the playground works by keyboard alone: tab to Execute, run, arrow through the tabs', async ({ page }) => {
  await page.goto('learn-kestra/');
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  await pg.getByRole('button', { name: 'Execute', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  await pg.getByRole('tab', { name: 'Gantt' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(pg.getByRole('tab', { name: 'Logs' })).toBeFocused();
  await expect(pg.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await expect(pg.locator('.pg-log-message')).toHaveText(['Hello World! 🚀']);
  // Ctrl+Enter in the editor executes again
  await pg.locator('.cm-content').click();
  await page.keyboard.press('Control+Enter');
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
});

test('on a 390-px phone the playground panels stack and nothing scrolls sideways', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await page.goto(test.info().project.use.baseURL + 'learn-kestra/');
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await pg.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await ctx.close();
});

test('dark theme: the playground follows Starlight and still passes axe', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
  await page.goto('learn-kestra/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  // the editor takes the theme's colours, not a fixed light background
  const editorBg = await pg.locator('.cm-editor').evaluate((el) => getComputedStyle(el).backgroundColor);
  const pageBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lum = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
  expect(lum(editorBg)).toBeLessThan(200);
  expect(lum(pageBg)).toBeLessThan(200);
  const result = await new AxeBuilder({ page }).include('section.pg').analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad).toEqual([]);
});

test('every execution tab passes axe after a run', async ({ page }) => {
  await page.goto('learn-kestra/');
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  const problems: string[] = [];
  for (const tab of ['Gantt', 'Logs', 'Outputs', 'Topology', 'Overview', 'Database', 'Executions']) {
    await pg.getByRole('tab', { name: tab }).click();
    await expect(pg.getByRole('tabpanel')).not.toContainText(/^Loading…$/);
    if (tab === 'Gantt') await pg.locator('.pg-gantt-row').first().getByRole('button').click();
    if (tab === 'Database') await expect(pg.getByRole('tabpanel')).toContainText(/There are no tables|rows/, { timeout: 30_000 });
    const result = await new AxeBuilder({ page }).include('section.pg').analyze();
    for (const v of result.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${tab}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    }
  }
  expect(problems).toEqual([]);
});
