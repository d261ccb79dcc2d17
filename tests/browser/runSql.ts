import { expect, type Locator } from '@playwright/test';

export interface SqlLabels {
  database: string;
  sql: string;
  run: string;
}

const EN: SqlLabels = { database: 'Database', sql: 'SQL query', run: 'Run query' };

/**
 * Runs SQL in a playground's Database tab and waits until the query has
 * answered: the previous result stays on screen (dimmed, aria-busy) while the
 * next one runs, so reading the grid right after the click could read the old one.
 * Returns the result region (grid or error).
 */
export async function runSql(pg: Locator, text: string, labels: SqlLabels = EN): Promise<Locator> {
  await pg.getByRole('tab', { name: labels.database }).click();
  await pg.getByLabel(labels.sql).fill(text);
  const button = pg.getByRole('button', { name: labels.run });
  await button.click();
  await expect(button).toBeEnabled({ timeout: 120_000 });
  return pg.locator('.pg-db-main');
}

/** Runs SQL and returns the grid's rows, each as its cells joined by spaces (without the row number). */
export async function sqlRows(pg: Locator, text: string, labels: SqlLabels = EN): Promise<string> {
  const main = await runSql(pg, text, labels);
  const grid = main.locator('.pg-db-result[aria-busy="false"] table');
  await expect(grid).toBeVisible({ timeout: 60_000 });
  const rows = await grid.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '').join(' ')));
  return rows.join('\n');
}
