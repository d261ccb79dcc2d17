import { test, expect, type Page } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';
import { HOSTILE_TEMPLATES, ISSUE_PAYLOAD_BROWSER } from '../fixtures/hostileTemplates';

/** A share link as the playground makes it: the flow and inputs, deflated, in the fragment. */
function shareLink(path: string, flow: string): string {
  const packed = deflateRawSync(Buffer.from(JSON.stringify({ flow, inputs: {} })));
  return `${path}#share=${packed.toString('base64url')}`;
}

/** Records requests for /__pwned (what a payload asks for if it ever runs) and CSP violations. */
async function watch(page: Page) {
  const pwned: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('__pwned')) pwned.push(r.url());
  });
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return pwned;
}

async function playground(page: Page, url: string) {
  await page.goto(url);
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  return pg;
}

/**
 * Tries to run a string as code the way page code would. (Code that Playwright
 * evaluates is exempt from the page's policy, so the string goes through a
 * timer, which compiles it in the page's own context, under its policy.)
 */
const tryEval = () =>
  new Promise<string>((resolve) => {
    const g = globalThis as unknown as Record<string, unknown>;
    delete g.__evalRan;
    try {
      (setTimeout as unknown as (code: string, ms: number) => void)('globalThis.__evalRan = 1', 0);
    } catch (e) {
      resolve((e as Error).name);
      return;
    }
    setTimeout(() => resolve(g.__evalRan === 1 ? 'allowed' : 'blocked'), 100);
  });

test('every page and the worker run under a policy without unsafe-eval; the site itself breaks none of it', async ({ page }) => {
  const pwned = await watch(page);
  const response = await page.goto('learn-kestra/');
  expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
  expect(response!.headers()['content-security-policy']).not.toMatch(/unsafe-eval'(?! )|'unsafe-eval'/);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(meta).not.toContain("'unsafe-eval'");
  // a deliberate string-to-code fails in the page, and the browser reports it as a violation
  expect(await page.evaluate(tryEval)).toBe('blocked');
  // once for the header, once for the <meta>: both policies are in force
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual(['script-src eval', 'script-src eval']);
  await page.evaluate(() => ((window as unknown as { __violations: string[] }).__violations = []));
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  // ... and in the engine's worker, whose script was served with the policy too
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  const worker = page.workers()[0];
  expect(await worker.evaluate(tryEval)).toBe('blocked');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(pwned).toEqual([]);
});

test("issue 9's payload from a share link: Execute prints text, nothing runs in the page or the worker", async ({ page }) => {
  const pwned = await watch(page);
  const flow = `id: rce_browser
namespace: company.team
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: ${JSON.stringify(ISSUE_PAYLOAD_BROWSER)}
`;
  const pg = await playground(page, shareLink('learn-kestra/', flow));
  await expect(pg.locator('.cm-content')).toContainText('rce_browser');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-logs')).toContainText("{{ x['\\\\\", (globalThis.pwned = 1, fetch(`/__pwned`))");
  expect(await page.evaluate(() => (globalThis as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
  for (const w of page.workers()) expect(await w.evaluate(() => (globalThis as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
  expect(pwned).toEqual([]);
});

test('the whole hostile corpus, rendered by the engine in the worker: each renders or fails, nothing runs', async ({ page }) => {
  test.setTimeout(120_000);
  const pwned = await watch(page);
  // each template is a variable, rendered at run time by render() in its own task, so every one runs
  const vars = HOSTILE_TEMPLATES.map((t, i) => `  t${i}: ${JSON.stringify(t)}`).join('\n');
  const tasks = HOSTILE_TEMPLATES.map(
    (_t, i) => `  - id: t${i}\n    type: io.kestra.plugin.core.log.Log\n    allowFailure: true\n    message: "{{ render(vars.t${i}) }}"`,
  ).join('\n');
  const flow = `id: hostile_corpus\nnamespace: company.team\nvariables:\n${vars}\ntasks:\n${tasks}\n  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: "still working {{ 6 * 7 }}"\n`;
  const pg = await playground(page, shareLink('learn-kestra/', flow));
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText(/WARNING|SUCCESS/, { timeout: 90_000 });
  await expect(pg.locator(`.pg-gantt-row[data-task-id="after"][data-state="SUCCESS"]`)).toHaveCount(1);
  const failed = await pg.locator('.pg-gantt-row[data-state="WARNING"]').count();
  const succeeded = await pg.locator('.pg-gantt-row[data-state="SUCCESS"]').count();
  expect(failed + succeeded).toBe(HOSTILE_TEMPLATES.length + 1);
  expect(failed).toBeGreaterThan(HOSTILE_TEMPLATES.length / 2);
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-logs')).toContainText('still working 42');
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  for (const w of page.workers()) expect(await w.evaluate(() => (globalThis as unknown as { __pwned?: unknown; pwned?: unknown }).__pwned ?? (globalThis as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
  expect(pwned).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
});
