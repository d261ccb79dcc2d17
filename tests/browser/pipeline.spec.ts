import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The average price per brand of the sample catalogue, computed here from the JSON (not with DuckDB). */
function expectedAverages(): Map<string, number> {
  const { products } = JSON.parse(readFileSync('public/data/samples/dummyjson-products.json', 'utf8')) as { products: { brand?: string; price: number }[] };
  const sums = new Map<string, { total: number; n: number }>();
  for (const p of products) {
    const brand = p.brand ?? 'N/A';
    const s = sums.get(brand) ?? { total: 0, n: 0 };
    s.total += p.price;
    s.n++;
    sums.set(brand, s);
  }
  return new Map([...sums].map(([b, s]) => [b, Math.round((s.total / s.n) * 100) / 100]));
}

for (const [lang, path, outputs] of [
  ['en', 'learn-kestra/', 'Outputs'],
  ['zh-TW', 'zh-tw/learn-kestra/', '輸出'],
] as const) {
  test(`${lang}: the getting-started pipeline runs Python and DuckDB in the browser; the query's result is the average price per brand`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(path);
    const pg = page.locator('.pg-host[data-flow="01_getting_started_data_pipeline"] section.pg');
    await pg.scrollIntoViewIfNeeded();
    await expect(pg).toHaveAttribute('data-ready', 'true');
    await pg.locator('.pg-toolbar button.pg-primary').first().click();
    // the runtimes say they are loading the first time
    await expect(pg.getByTestId('runtime-loading')).toBeVisible({ timeout: 60_000 });
    await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 200_000 });
    const states = await pg.locator('.pg-gantt-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-task-id')}=${r.getAttribute('data-state')}`));
    expect(states).toEqual(['extract=SUCCESS', 'transform=SUCCESS', 'query=SUCCESS']);
    await pg.getByRole('tab', { name: outputs }).click();
    await pg.getByRole('button', { name: /query/ }).click();
    // the stored result (an Ion file, as Kestra's STORE writes it) previews as a table
    await pg.locator('.pg-panel').getByRole('button', { name: /Preview|預覽/ }).first().click();
    const table = pg.locator('.pg-panel table').last();
    await expect(table).toBeVisible();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    const expected = expectedAverages();
    expect(rows.length).toBe(expected.size);
    for (const [brand, avg] of rows) expect(Number(avg), brand).toBeCloseTo(expected.get(brand)!, 2);
  });
}
