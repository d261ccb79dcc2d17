import { test, expect } from '@playwright/test';

test('under a sub-path every link, asset and worker resolves and hello world runs', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: /Try hello world/ }).click();
  await expect(page).toHaveURL(/\/course\/learn-kestra\/$/);
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  await expect(pg.locator('.pg-gantt-row[data-state="SUCCESS"]')).toHaveCount(1);
  // sidebar links stay under the prefix
  const hrefs = await page.locator('nav a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const h of hrefs) if (h && h.startsWith('/')) expect(h.startsWith('/course/'), h).toBe(true);
  expect(failed).toEqual([]);
});
