import { test, expect } from '@playwright/test';

const PLAYGROUNDS = [
  { path: 'learn-kestra/', id: 'hello_world' },
  { path: 'etl-postgres/', id: '02_postgres_taxi' },
];

for (const prefix of ['', 'zh-tw/']) {
  for (const p of PLAYGROUNDS) {
    test(`/${prefix}${p.path} starts its playground with the ${p.id} flow`, async ({ page }) => {
      await page.goto(prefix + p.path);
      const pg = page.locator('section.pg').first();
      await pg.scrollIntoViewIfNeeded();
      await expect(pg).toHaveAttribute('data-ready', 'true');
      await expect(pg.locator('.cm-content')).toContainText(`id: ${p.id}`);
      await expect(pg.getByRole('alert')).toHaveCount(0);
    });
  }
}

async function search(page: import('@playwright/test').Page, term: string) {
  await page.getByRole('button', { name: /Search|搜尋/ }).first().click();
  const box = page.locator('dialog[open] .pagefind-ui__search-input');
  await box.fill(term);
  return page.locator('dialog[open] .pagefind-ui__result-link');
}

test('searching a zh-TW term on the Chinese site returns zh-TW pages', async ({ page }) => {
  await page.goto('zh-tw/');
  const results = await search(page, '甘特圖');
  await expect(results.first()).toBeVisible();
  const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const h of hrefs) expect(h).toContain('/zh-tw/');
});

test('searching an English term on the English site returns English pages', async ({ page }) => {
  await page.goto('');
  const results = await search(page, 'backfill');
  await expect(results.first()).toBeVisible();
  const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const h of hrefs) expect(h).not.toContain('/zh-tw/');
  expect(hrefs.some((h) => h.includes('scheduling-backfills'))).toBe(true);
});
