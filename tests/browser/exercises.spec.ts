import { test, expect, type Page } from '@playwright/test';

/**
 * Every exercise of every lesson, in both languages: "Open in the playground"
 * (or the solution, when the exercise has one) loads its flow, Execute runs
 * it, and the run shows what the lesson's answer says (data-expect), in the
 * logs or outputs, or in the result of a query (data-expect-sql).
 */
/** Lessons with exercises a learner runs (each must have at least one). */
const LESSONS = ['learn-kestra/'];
const LABELS = {
  en: { execute: 'Execute', logs: 'Logs', outputs: 'Outputs', database: 'Database', sql: 'SQL query', run: 'Run query' },
  zh: { execute: 'Execute', logs: '日誌', outputs: '輸出', database: '資料庫', sql: 'SQL 查詢', run: '執行查詢' },
};

async function exercisesOf(page: Page, path: string) {
  await page.goto(path);
  return page.locator('.pg-exercise[data-expect]').evaluateAll((els) =>
    els.map((el, i) => ({ i, playground: el.getAttribute('data-playground')!, expect: el.getAttribute('data-expect')!, sql: el.getAttribute('data-expect-sql'), hasSolution: !!el.querySelector('.pg-exercise-solution') })),
  );
}

for (const lang of ['en', 'zh'] as const) {
  for (const lesson of LESSONS) {
    const path = (lang === 'zh' ? 'zh-tw/' : '') + lesson;
    test(`${path}: each exercise opens in the playground, runs, and shows the answer`, async ({ page }) => {
      test.setTimeout(300_000);
      const exercises = await exercisesOf(page, path);
      expect(exercises.length, `${path} has runnable exercises`).toBeGreaterThan(0);
      const L = LABELS[lang];
      for (const ex of exercises) {
        const box = page.locator('.pg-exercise[data-expect]').nth(ex.i);
        await box.locator(ex.hasSolution ? '.pg-exercise-solution' : '.pg-exercise-open').click();
        const pg = page.locator(`.pg-host[data-flow="${ex.playground}"] section.pg`);
        await expect(pg).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
        await expect(pg.locator('.pg-notice').first()).toBeVisible();
        await pg.locator('.pg-toolbar button.pg-primary').first().click();
        await expect(pg.locator('.pg-state')).toContainText(/SUCCESS|WARNING|FAILED|KILLED/, { timeout: 240_000 });
        if (ex.sql) {
          await pg.getByRole('tab', { name: L.database }).click();
          await pg.getByLabel(L.sql).fill(ex.sql);
          await pg.getByRole('button', { name: L.run }).click();
          await expect(pg.locator('.pg-panel table').last()).toContainText(ex.expect, { timeout: 60_000 });
        } else {
          await pg.getByRole('tab', { name: L.logs }).click();
          const logs = (await pg.locator('.pg-panel').textContent()) ?? '';
          if (!logs.includes(ex.expect)) {
            await pg.getByRole('tab', { name: L.outputs }).click();
            await expect(pg.locator('.pg-panel')).toContainText(ex.expect);
          }
        }
      }
    });
  }
}
