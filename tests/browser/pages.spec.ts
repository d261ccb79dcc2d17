import { test, expect, type Page } from '@playwright/test';

const LESSONS = ['what-is-orchestration', 'learn-kestra', 'etl-postgres', 'scheduling-backfills', 'dbt'];

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

for (const [prefix, lang] of [['', 'en'], ['zh-tw/', 'zh-TW']] as const) {
  test(`home and lessons load in ${lang} without console errors`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await page.goto(prefix);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('h1').first()).toBeVisible();
    for (const slug of LESSONS) {
      const res = await page.goto(`${prefix}${slug}/`);
      expect(res?.status(), slug).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('h1#_top')).toContainText(/2\.2\.\d/);
      // the sidebar lists every lesson
      await expect(page.locator('nav[aria-label] a[href*="learn-kestra"]').first()).toBeVisible();
    }
    expect(errors).toEqual([]);
  });
}

test('the language switcher moves between the English and Chinese lesson', async ({ page }) => {
  await page.goto('learn-kestra/');
  await page.locator('starlight-lang-select select').first().selectOption({ label: '繁體中文' });
  await expect(page).toHaveURL(/\/zh-tw\/learn-kestra\/$/);
  await expect(page.locator('h1#_top')).toHaveText('2.2.2 認識 Kestra');
});
