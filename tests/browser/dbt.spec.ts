import { test, expect, type Locator, type Page } from '@playwright/test';
import { sqlRows } from './runSql';
import { readFileSync } from 'node:fs';

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

const L = {
  en: { gantt: 'Gantt', lineage: 'Lineage', files: 'Files', database: 'Database', sql: 'SQL query', run: 'Run query', save: 'Save' },
  'zh-TW': { gantt: '甘特圖', lineage: '血緣', files: '檔案', database: '資料庫', sql: 'SQL 查詢', run: '執行查詢', save: '儲存' },
} as const;

async function playground(page: Page, path: string, flow: string): Promise<Locator> {
  await page.goto(path);
  const pg = page.locator(`.pg-host[data-flow="${flow}"] section.pg`);
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  return pg;
}

async function execute(pg: Locator, timeout = 240_000) {
  await pg.locator('.pg-toolbar button.pg-primary').first().click();
  await expect(pg.locator('.pg-state')).toContainText(/SUCCESS|WARNING|FAILED/, { timeout });
}

async function sql(pg: Locator, lang: keyof typeof L, text: string): Promise<string> {
  return sqlRows(pg, text, L[lang]);
}

for (const lang of ['en', 'zh-TW'] as const) {
  test(`${lang}: the course's dbt flow builds the project on PGlite, node by node in the Gantt; the lineage and the Files panel show it; an edited model is rebuilt`, async ({ page }) => {
    const prefix = lang === 'en' ? '' : 'zh-tw/';
    // the taxi flow loads a green and a yellow month first
    const taxi = await playground(page, `${prefix}etl-postgres/`, '02_postgres_taxi');
    for (const [taxiType, year, month] of [['green', '2019', '01'], ['yellow', '2019', '01']]) {
      await taxi.locator('[data-input-id="taxi"] select').selectOption(taxiType);
      await taxi.locator('[data-input-id="year"] select').selectOption(year);
      await taxi.locator('[data-input-id="month"] select').selectOption(month);
      await execute(taxi);
      await expect(taxi.locator('.pg-state')).toContainText('SUCCESS');
    }
    const pg = await playground(page, `${prefix}dbt/`, '03_postgres_dbt');
    await execute(pg);
    await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
    // each seed, model and test is its own bar, a child of the DbtCLI task run
    await pg.getByRole('tab', { name: L[lang].gantt }).click();
    for (const id of ['seed.taxi_rides_ny.taxi_zone_lookup', 'model.taxi_rides_ny.stg_green_tripdata', 'model.taxi_rides_ny.fact_trips', 'model.taxi_rides_ny.dm_monthly_zone_revenue']) {
      await expect(pg.locator(`.pg-gantt-row[data-task-id="${id}"]`).first()).toHaveAttribute('data-state', 'SUCCESS');
    }
    // the lineage draws the project, with the states of this run
    await pg.getByRole('tab', { name: L[lang].lineage }).click();
    await expect(pg.locator('.pg-lineage-node[data-node-id="model.taxi_rides_ny.fact_trips"]')).toHaveAttribute('data-state', 'SUCCESS', { timeout: 60_000 });
    await pg.locator('.pg-lineage-node[data-node-id="model.taxi_rides_ny.dim_zones"]').click();
    await expect(pg.locator('.pg-lineage-details')).toContainText('dim_zones');
    // edit a model in the Files panel, run again, query the changed table
    await pg.getByRole('tab', { name: L[lang].files }).click();
    await pg.getByRole('button', { name: 'models/core/dim_zones.sql' }).click();
    const editor = pg.locator('.pg-file-editor .cm-content');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await editor.fill("select locationid, borough, zone, 'edited' as note from {{ ref('taxi_zone_lookup') }}");
    await pg.getByRole('button', { name: L[lang].save }).click();
    // the sync task would copy the repository's version back over the edit: as the flow's comment says, disable it now
    const flowEditor = pg.locator('.pg-editor .cm-content');
    await flowEditor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await flowEditor.fill(readFileSync('flows/03_postgres_dbt.yaml', 'utf8').replace('    dryRun: false\n', '    dryRun: false\n    disabled: true\n'));
    await execute(pg);
    expect(await sql(pg, lang, 'SELECT note, count(*) FROM public.dim_zones GROUP BY note;')).toBe('edited 265');
  });
}
