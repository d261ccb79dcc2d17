import { expect, type Locator, type Page } from '@playwright/test';

/** Opens a lesson and returns its first playground once the engine has validated the flow. */
export async function openPlayground(page: Page, path = 'learn-kestra/'): Promise<Locator> {
  await page.goto(path);
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  return pg;
}

/** Replaces the editor's whole text (CodeMirror is a contenteditable). */
export async function setFlow(page: Page, pg: Locator, yaml: string): Promise<void> {
  const editor = pg.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await editor.fill(yaml);
}
