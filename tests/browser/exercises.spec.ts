import { test, expect, type Page } from '@playwright/test';
import { runSql } from './runSql';

/**
 * Every exercise of every lesson, in both languages: "Open in the playground"
 * (or the solution, when the exercise has one) loads its flow, Execute runs
 * it, and the run shows what the lesson's answer says (data-expect), in the
 * logs or outputs, or in the result of a query (data-expect-sql).
 */
/** Lessons with exercises a learner runs (each must have at least one). */
const LESSONS = ['what-is-orchestration/', 'learn-kestra/', 'etl-postgres/', 'scheduling-backfills/', 'dbt/'];
const LABELS = {
  en: { execute: 'Execute', logs: 'Logs', outputs: 'Outputs', database: 'Database', sql: 'SQL query', run: 'Run query', triggers: 'Triggers', backfill: 'Backfill executions', start: /^Start/, end: /^End/ },
  zh: { execute: 'Execute', logs: '日誌', outputs: '輸出', database: '資料庫', sql: 'SQL 查詢', run: '執行查詢', triggers: '觸發器', backfill: '回填執行', start: /^開始/, end: /^結束/ },
};

async function exercisesOf(page: Page, path: string) {
  await page.goto(path);
  return page.locator('.pg-exercise[data-expect]').evaluateAll((els) =>
    els.map((el, i) => ({
      i,
      playground: el.getAttribute('data-playground')!,
      expect: el.getAttribute('data-expect')!,
      sql: el.getAttribute('data-expect-sql'),
      backfill: el.getAttribute('data-backfill'),
      hasSolution: !!el.querySelector('.pg-exercise-solution'),
    })),
  );
}

for (const lang of ['en', 'zh'] as const) {
  for (const lesson of LESSONS) {
    const path = (lang === 'zh' ? 'zh-tw/' : '') + lesson;
    test(`${path}: each exercise opens in the playground, runs, and shows the answer`, async ({ page }) => {
      test.setTimeout(600_000);
      const exercises = await exercisesOf(page, path);
      expect(exercises.length, `${path} has runnable exercises`).toBeGreaterThan(0);
      const L = LABELS[lang];
      for (const ex of exercises) {
        const box = page.locator('.pg-exercise[data-expect]').nth(ex.i);
        await box.locator(ex.hasSolution ? '.pg-exercise-solution' : '.pg-exercise-open').click();
        const pg = page.locator(`.pg-host[data-flow="${ex.playground}"] section.pg`);
        await expect(pg).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
        await expect(pg.locator('.pg-notice').first()).toBeVisible();
        if (ex.backfill) {
          // the exercise is a backfill: do it as the learner would, in the Triggers tab
          const b = JSON.parse(ex.backfill) as { trigger: string; start: string; end?: string; inputs?: Record<string, string> };
          await pg.getByRole('tab', { name: L.triggers }).click();
          await pg.locator(`[data-trigger-id="${b.trigger}"]`).getByRole('button', { name: L.backfill }).click();
          const dialog = page.getByRole('dialog');
          await dialog.getByLabel(L.start).fill(b.start);
          if (b.end) await dialog.getByLabel(L.end).fill(b.end);
          for (const [k, v] of Object.entries(b.inputs ?? {})) await dialog.locator(`[data-input-id="${k}"] select, [data-input-id="${k}"] input`).first().fill(v).catch(async () => dialog.locator(`[data-input-id="${k}"] select`).selectOption(v));
          const progress = pg.getByTestId(`backfill-${b.trigger}`);
          const previous = (await progress.count()) ? await progress.getAttribute('data-backfill-id') : null;
          await dialog.getByRole('button', { name: 'Execute backfill' }).click();
          // this backfill's progress (not one an earlier exercise left), until it is done
          await expect(progress).not.toHaveAttribute('data-backfill-id', previous ?? '', { timeout: 60_000 });
          await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 240_000 });
        } else {
          // the state line names the execution: wait for a new one to end, not the one an earlier exercise left
          const state = pg.locator('.pg-state');
          const before = (await state.count()) ? await state.textContent() : null;
          await pg.locator('.pg-toolbar button.pg-primary').first().click();
          await expect(state).not.toHaveText(before ?? '', { timeout: 60_000 });
          await expect(state).toContainText(/SUCCESS|WARNING|FAILED|KILLED/, { timeout: 240_000 });
        }
        if (ex.sql) {
          const result = await runSql(pg, ex.sql, L);
          await expect(result.locator('.pg-db-result[aria-busy="false"] table')).toContainText(ex.expect, { timeout: 60_000 });
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
