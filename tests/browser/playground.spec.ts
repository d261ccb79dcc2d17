import { test, expect, type Locator, type Page } from '@playwright/test';
import { openPlayground, setFlow } from './playgroundPage';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';


const openLesson = openPlayground;

async function reloadPlayground(page: Page) {
  await page.reload();
  const pg = page.locator('section.pg').first();
  await pg.scrollIntoViewIfNeeded();
  await expect(pg).toHaveAttribute('data-ready', 'true');
  return pg;
}

const INPUTS_FLOW = `id: inputs_demo
namespace: company.team
inputs:
  - id: name
    type: STRING
    displayName: Your name
    defaults: Ada
  - id: count
    type: INT
    defaults: 2
  - id: color
    type: SELECT
    values: [red, green]
    defaults: green
tasks:
  - id: greet
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.name }} likes {{ inputs.color }} x{{ inputs.count }}"
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: ["a", "b"]
    tasks:
      - id: item
        type: io.kestra.plugin.core.log.Log
        level: DEBUG
        message: "item {{ taskrun.value }}"
`;

test.beforeEach(async ({ page }) => {
  // each test starts from the lesson's flow
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('pg-test-cleared')) {
      localStorage.clear();
      sessionStorage.setItem('pg-test-cleared', '1');
    }
  });
});

test('the editor underlines a validation error and lists it, before any run', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(page, pg, 'id: hello_world\nnamespace: company.team\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Logg\n    message: hi\n');
  await expect(pg.locator('.cm-lintRange-error').first()).toBeVisible();
  const alert = pg.getByRole('alert');
  await expect(alert).toContainText('line 5');
  await expect(alert).toContainText('io.kestra.plugin.core.log.Log');
  // hover shows the message at the marker
  await pg.locator('.cm-lintRange-error').first().hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText('Logg');
});

test('inputs form: defaults pre-filled, a wrong value is reported next to its field, a good one runs', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(page, pg, INPUTS_FLOW);
  const name = pg.getByLabel(/Your name/);
  await expect(name).toHaveValue('Ada');
  await expect(pg.getByLabel(/^count/)).toHaveValue('2');
  await expect(pg.getByLabel(/^color/)).toHaveValue('green');
  await pg.getByLabel(/^count/).fill('2.5');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('[data-input-id="count"] .pg-field-error')).toBeVisible();
  await pg.getByLabel(/^count/).fill('3');
  await pg.getByLabel(/^color/).selectOption('red');
  await name.fill('Grace');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  // ForEach rows nest under their parent in the Gantt
  await expect(pg.locator('.pg-gantt-row')).toHaveCount(4);
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-log-message').first()).toHaveText('Grace likes red x3');
});

test('logs: level filter, text filter and download', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(page, pg, INPUTS_FLOW);
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  await pg.getByRole('tab', { name: 'Logs' }).click();
  // INFO by default hides the DEBUG lines
  await expect(pg.locator('.pg-log')).toHaveCount(1);
  await pg.getByLabel('Minimum level').selectOption('DEBUG');
  await expect(pg.locator('.pg-log')).toHaveCount(3);
  await pg.getByLabel('Search').fill('item b');
  await expect(pg.locator('.pg-log-message')).toHaveText(['item b']);
  const download = page.waitForEvent('download');
  await pg.getByRole('button', { name: 'Download .log' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kestra-execution-.+\.log$/);
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString('utf8')).toMatch(/DEBUG item item b\n$/);
});

test('a shared link opens the flow and inputs without running them', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const pg = await openLesson(page);
  await setFlow(page, pg, INPUTS_FLOW);
  await pg.getByLabel(/Your name/).fill('Linus');
  await pg.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page).toHaveURL(/#share=/);
  const link = page.url();
  const other = await context.newPage();
  await other.goto(link);
  const pg2 = other.locator('section.pg').first();
  await pg2.scrollIntoViewIfNeeded();
  await expect(pg2.locator('.pg-notice')).toBeVisible();
  await expect(pg2.getByLabel(/Your name/)).toHaveValue('Linus');
  await expect(pg2.locator('.cm-content')).toContainText('id: inputs_demo');
  // nothing ran
  await expect(pg2.locator('.pg-gantt-row')).toHaveCount(0);
  await expect(pg2.locator('.pg-state')).toHaveCount(0);
});

test('past executions survive a reload and can be reopened', async ({ page }) => {
  const pg = await openLesson(page);
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  const id = (await pg.locator('.pg-state').textContent())!.match(/Execution (\w+)/)![1];
  const again = await reloadPlayground(page);
  await again.getByRole('tab', { name: 'Executions' }).click();
  await expect(again.locator('.pg-table tbody tr')).not.toHaveCount(0);
  await again.getByRole('button', { name: `Open execution ${id}` }).click();
  await expect(again.locator('.pg-gantt-row[data-state="SUCCESS"]')).toHaveCount(1);
});

test('edits are kept per lesson; reset brings the lesson flow back', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(page, pg, INPUTS_FLOW);
  const again = await reloadPlayground(page);
  await expect(again.locator('.cm-content')).toContainText('inputs_demo');
  page.once('dialog', (d) => d.accept());
  await again.getByRole('button', { name: "Reset to the lesson's flow" }).click();
  await expect(again.locator('.cm-content')).toContainText('Hello World! 🚀');
});

test('a Pause task pauses the execution until the learner presses Resume', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(
    page,
    pg,
    `id: approval
namespace: company.team
tasks:
  - id: before
    type: io.kestra.plugin.core.log.Log
    message: waiting for approval
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: approved
`,
  );
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('PAUSED');
  await expect(pg.locator('.pg-gantt-row[data-task-id="after"]')).toHaveCount(0);
  await pg.getByRole('button', { name: 'Resume' }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-log-message')).toContainText(['waiting for approval', 'approved']);
});

test('secret() reads the secrets the learner filled in; a missing one fails with a clear message', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(
    page,
    pg,
    `id: uses_secret
namespace: company.team
tasks:
  - id: show
    type: io.kestra.plugin.core.log.Log
    message: "token length {{ secret('API_TOKEN') | length }}"
`,
  );
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('FAILED');
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-log[data-level="ERROR"]').first()).toContainText('API_TOKEN');
  await pg.locator('.pg-secrets summary').click();
  await pg.getByLabel(/one KEY=value per line/).fill('API_TOKEN=abcdef');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-log-message')).toHaveText(['token length 6']);
});

test('the KV store and output files are kept in this browser: kv() and file previews work after a reload', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(
    page,
    pg,
    `id: kv_demo
namespace: company.team
tasks:
  - id: remember
    type: io.kestra.plugin.core.kv.Set
    key: last_month
    value: "2020-11"
  - id: write
    type: io.kestra.plugin.scripts.shell.Commands
    outputFiles: ["*.csv"]
    commands:
      - printf 'a,b\\n1,2\\n3,4\\n' > numbers.csv
`,
  );
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  const again = await reloadPlayground(page);
  // the earlier run's file still previews from the executions list
  await again.getByRole('tab', { name: 'Executions' }).click();
  await again.locator('.pg-table tbody button').first().click();
  await again.getByRole('tab', { name: 'Outputs' }).click();
  await again.getByRole('button', { name: /^write/ }).click();
  await again.getByRole('button', { name: /Preview/ }).first().click();
  await expect(again.locator('.pg-panel table').last()).toContainText('3');
  // a new flow reads the value the first one stored
  await setFlow(
    page,
    again,
    `id: kv_reader
namespace: company.team
tasks:
  - id: read
    type: io.kestra.plugin.core.log.Log
    message: "month {{ kv('last_month') }}"
`,
  );
  await again.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(again.locator('.pg-state')).toContainText('SUCCESS');
  await again.getByRole('tab', { name: 'Logs' }).click();
  await expect(again.locator('.pg-log-message')).toHaveText(['month 2020-11']);
});

test('clicking a Gantt row opens that task run’s details (logs, outputs); the topology colours tasks by state', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(page, pg, INPUTS_FLOW);
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  // the row opens its details below it: state history, the run's log lines, its outputs
  await pg.locator('.pg-gantt-row[data-task-id="greet"]').getByRole('button').click();
  const details = pg.locator('[data-details-for="greet"]');
  await expect(details).toContainText('SUCCESS');
  await expect(details.locator('.pg-log-message')).toHaveText(['Ada likes green x2']);
  await expect(details).toContainText('This task run has no outputs.');
  await pg.locator('.pg-gantt-row[data-task-id="each"]').getByRole('button').click();
  await expect(pg.locator('[data-details-for="greet"]')).toHaveCount(0);
  // and from there to the Logs tab, filtered to that run
  await pg.locator('.pg-gantt-row[data-task-id="greet"]').getByRole('button').click();
  await pg.locator('[data-details-for="greet"]').getByRole('button', { name: 'Open these lines in the Logs tab' }).click();
  await expect(pg.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await expect(pg.locator('.pg-log-message')).toHaveText(['Ada likes green x2']);
  await pg.getByRole('button', { name: 'Show all tasks' }).click();
  await pg.getByLabel('Minimum level').selectOption('DEBUG');
  await expect(pg.locator('.pg-log')).toHaveCount(3);
  await pg.getByRole('tab', { name: 'Topology' }).click();
  // the accessible list of the graph names each task with its state
  await expect(pg.getByRole('tabpanel')).toContainText(/greet.*SUCCESS/);
  await expect(pg.getByRole('tabpanel')).toContainText(/each.*SUCCESS/);
});

test('database panel: export the result as CSV, and Copy YAML for Kestra copies the flow exactly', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const pg = await openLesson(page);
  await pg.getByRole('tab', { name: 'Database' }).click();
  await pg.getByLabel('SQL query').fill("SELECT n, 'a,b' AS label FROM generate_series(1, 3) AS n;");
  await pg.getByRole('button', { name: 'Run query' }).click();
  await expect(pg.getByRole('tabpanel')).toContainText('Rows 1–3 of 3');
  const download = page.waitForEvent('download');
  await pg.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const body = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  expect(body.replace(/\r\n/g, '\n').trim()).toBe('n,label\n1,"a,b"\n2,"a,b"\n3,"a,b"');
  await pg.getByRole('button', { name: 'Copy YAML for Kestra' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(readFileSync('flows/hello_world.yaml', 'utf8'));
});

test('an endless template loop ends in a clear error on its task, and the engine goes on', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(
    page,
    pg,
    `id: stuck
namespace: company.team
tasks:
  - id: spin
    type: io.kestra.plugin.core.log.Log
    message: "{% for i in range(0, 99999) %}{% for j in range(0, 99999) %}{% endfor %}{% endfor %}done"
`,
  );
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  // the interpreter's budget stops it: no hung tab, no Kill needed
  await expect(pg.locator('.pg-state')).toContainText('FAILED');
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-logs')).toContainText('evaluation steps; it was stopped');
  page.once('dialog', (d) => d.accept());
  await pg.getByRole('button', { name: "Reset to the lesson's flow" }).click();
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
});

test('a task that prints thousands of lines: the Logs tab scrolls through all of them virtually, the download has them all', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(
    page,
    pg,
    `id: chatty
namespace: company.team
tasks:
  - id: print
    type: io.kestra.plugin.scripts.shell.Commands
    commands:
      - wget -qO- https://github.com/DataTalksClub/nyc-tlc-data/releases/download/green/green_tripdata_2020-04.csv.gz | gunzip | head -n 5000
`,
  );
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 60_000 });
  await pg.getByRole('tab', { name: 'Logs' }).click();
  // 5,000 stdout lines, plus the runner's own note that the browser shell runs the commands
  await expect(pg.locator('.pg-logs-count')).toContainText('5001 of 5001 lines');
  // virtual scrolling: only the lines in sight are in the page, and every line can be scrolled to
  expect(await pg.locator('.pg-log').count()).toBeLessThan(200);
  await expect(pg.locator('.pg-log-message', { hasText: 'VendorID' })).toHaveCount(1);
  await pg.locator('.pg-logs-box').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(pg.locator('.pg-log-message', { hasText: 'VendorID' })).toHaveCount(0);
  expect(await pg.locator('.pg-log').count()).toBeLessThan(200);
  const download = page.waitForEvent('download');
  await pg.getByRole('button', { name: 'Download .log' }).click();
  const text = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8');
  const lines = text.trimEnd().split('\n').filter((l) => / print \d|VendorID/.test(l));
  expect(lines).toHaveLength(5000);
  expect(lines[0]).toContain('VendorID,lpep_pickup_datetime');
});

test('what a flow produces is shown as text, never as HTML', async ({ page }) => {
  const pg = await openLesson(page);
  const payload = '<img src=x onerror="window.__xss = 1"><b>bold</b>';
  await setFlow(
    page,
    pg,
    `id: html_demo
namespace: company.team
tasks:
  - id: label
    type: io.kestra.plugin.core.execution.Labels
    labels:
      note: '${payload}'
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: '${payload}'
  - id: give
    type: io.kestra.plugin.core.debug.Return
    format: '${payload}'
`,
  );
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS');
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await pg.getByLabel('Minimum level').selectOption('TRACE');
  await expect(pg.locator('.pg-log-message').first()).toHaveText(payload);
  await pg.getByRole('tab', { name: 'Outputs' }).click();
  await pg.getByRole('button', { name: /^give/ }).click();
  await expect(pg.getByRole('tabpanel')).toContainText(payload);
  await pg.getByRole('tab', { name: 'Overview' }).click();
  await expect(pg.getByRole('tabpanel')).toContainText(payload);
  expect(await pg.locator('img, b').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('zh-TW: a wrong input value is reported beside its field in Chinese', async ({ page }) => {
  const pg = await openLesson(page, 'zh-tw/learn-kestra/');
  await setFlow(page, pg, INPUTS_FLOW);
  await pg.locator('[data-input-id="count"] input').fill('2.5');
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  const error = pg.locator('[data-input-id="count"] .pg-field-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText(/[\u4e00-\u9fff]/);
  await expect(error).not.toContainText('Invalid');
  await expect(pg.locator('.pg-gantt-row')).toHaveCount(0);
});

test('a shared link opened over saved edits shows the shared flow; the saved edits are one click away', async ({ page, context }) => {
  const pg = await openLesson(page);
  await setFlow(page, pg, INPUTS_FLOW);
  await expect(pg.locator('.cm-content')).toContainText('inputs_demo');
  const shared = `id: shared_flow\nnamespace: company.team\ntasks:\n  - id: hi\n    type: io.kestra.plugin.core.log.Log\n    message: from a link\n`;
  const link = await page.evaluate(async (flow) => {
    const bytes = new TextEncoder().encode(JSON.stringify({ flow, inputs: {} }));
    const packed = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    let bin = '';
    for (const b of packed) bin += String.fromCharCode(b);
    return `${location.pathname}#share=${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  }, shared);
  const other = await context.newPage();
  await other.goto(link);
  const pg2 = other.locator('section.pg').first();
  await pg2.scrollIntoViewIfNeeded();
  await expect(pg2.locator('.cm-content')).toContainText('id: shared_flow');
  await expect(pg2.locator('.pg-notice')).toContainText('your saved edits of this lesson are kept');
  await pg2.getByRole('button', { name: 'Back to my saved edits' }).click();
  await expect(pg2.locator('.cm-content')).toContainText('inputs_demo');
});

test('secrets say where they are kept, and can be forgotten', async ({ page }) => {
  const pg = await openLesson(page);
  // the Secrets panel appears for a flow that reads a secret
  await setFlow(page, pg, `id: uses_secret\nnamespace: company.team\ntasks:\n  - id: hi\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ secret('MY_TOKEN') }}"\n`);
  await pg.locator('.pg-secrets summary').click();
  await pg.getByLabel(/Secrets for secret/).fill('MY_TOKEN=abc');
  await expect(pg.locator('.pg-secrets')).toContainText("localStorage");
  expect(await page.evaluate(() => localStorage.getItem('kestra-playground:secrets'))).toBe('MY_TOKEN=abc');
  await pg.getByRole('button', { name: 'Forget secrets' }).click();
  await expect(pg.locator('.pg-secrets')).toContainText('Secrets forgotten');
  expect(await page.evaluate(() => localStorage.getItem('kestra-playground:secrets'))).toBeNull();
  await expect(pg.getByLabel(/Secrets for secret/)).toHaveValue('');
});

test('a Parallel with 2,000 branches: the page stays responsive and the Gantt draws only the rows in sight', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    (window as unknown as { longest: number }).longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as unknown as { longest: number }).longest = Math.max((window as unknown as { longest: number }).longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const branches = Array.from({ length: 2000 }, (_x, i) => `      - id: b${i}\n        type: io.kestra.plugin.core.log.Log\n        message: branch ${i}`).join('\n');
  const flow = `id: wide\nnamespace: company.team\ntasks:\n  - id: fan\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n${branches}\n`;
  // typing 6,000 lines would take minutes: the flow comes in a shared link
  const packed = deflateRawSync(Buffer.from(JSON.stringify({ flow, inputs: {} }))).toString('base64url');
  const pg = await openLesson(page, `learn-kestra/#share=${packed}`);
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 90_000 });
  const drawn = await pg.locator('.pg-gantt-row').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(200);
  await pg.locator('.pg-gantt-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(pg.locator('.pg-gantt-row[data-task-id="b1999"]')).toHaveCount(1);
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  console.log(`[responsiveness] 2,000-branch Parallel: longest main-thread task ${Math.round(longest)} ms`);
});

test('Behave like: a line on stderr ends a shell task WARNING in Kestra 0.20, SUCCESS with an ERROR log line in Kestra 1.1', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(page, pg, `id: stderr_demo
namespace: company.team
tasks:
  - id: noisy
    type: io.kestra.plugin.scripts.shell.Commands
    commands:
      - echo oops >&2
`);
  const execute = pg.getByRole('button', { name: 'Execute', exact: true });
  await pg.getByLabel('Behave like').selectOption('0.20');
  await execute.click();
  await expect(pg.locator('.pg-state')).toContainText('WARNING', { timeout: 60_000 });
  await expect(pg.locator('.pg-gantt-row[data-task-id="noisy"]')).toHaveAttribute('data-state', 'WARNING');
  await pg.getByLabel('Behave like').selectOption('1.1');
  await execute.click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 60_000 });
  await expect(pg.locator('.pg-gantt-row[data-task-id="noisy"]')).toHaveAttribute('data-state', 'SUCCESS');
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-panel')).toContainText('oops');
  await expect(pg.locator('.pg-panel')).toContainText('ERROR');
});

test('Executions tab: newest first, filtered by state and by label, with how many are shown', async ({ page }) => {
  const pg = await openLesson(page, 'etl-postgres/');
  const execute = pg.getByRole('button', { name: 'Execute', exact: true });
  for (const [taxi, month] of [['green', '01'], ['yellow', '02']]) {
    await pg.locator('[data-input-id="taxi"] select').selectOption(taxi);
    await pg.locator('[data-input-id="year"] select').selectOption('2019');
    await pg.locator('[data-input-id="month"] select').selectOption(month);
    await execute.click();
    await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 120_000 });
  }
  await pg.getByRole('tab', { name: 'Executions' }).click();
  const rows = pg.locator('.pg-table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('taxi: yellow');
  await expect(pg.getByRole('status').filter({ hasText: 'executions' })).toHaveText('2 of 2 executions');
  await pg.getByLabel('Label', { exact: true }).selectOption('taxi: green');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('green_tripdata_2019-01.csv');
  await expect(pg.getByRole('status').filter({ hasText: 'executions' })).toHaveText('1 of 2 executions');
  await pg.getByLabel('Label', { exact: true }).selectOption('');
  // only states that occur are offered: FAILED is not one of them
  await expect(pg.getByLabel('State', { exact: true }).locator('option')).toHaveText(['all', 'SUCCESS']);
});

test('a SELECT input with allowCustomValue takes a value typed by the learner, as Kestra’s form does', async ({ page }) => {
  const pg = await openLesson(page);
  await setFlow(page, pg, `id: custom_value
namespace: company.team
inputs:
  - id: command
    type: SELECT
    allowCustomValue: true
    defaults: dbt build
    values: [dbt build, dbt debug]
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: "running {{ inputs.command }}"
`);
  const box = pg.locator('[data-input-id="command"] input');
  await expect(box).toHaveValue('dbt build');
  await box.fill("dbt build --vars '{is_test_run: false}'");
  await pg.getByRole('button', { name: 'Execute', exact: true }).click();
  await expect(pg.locator('.pg-state')).toContainText('SUCCESS', { timeout: 60_000 });
  await pg.getByRole('tab', { name: 'Logs' }).click();
  await expect(pg.locator('.pg-panel')).toContainText("running dbt build --vars '{is_test_run: false}'");
});

test('Copy YAML for Kestra says which Kestra accepts the flow as it is: the taxi flow’s pluginDefaults is rejected by 2.0, on its line, in both languages', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const line = readFileSync('flows/02_postgres_taxi.yaml', 'utf8').split('\n').findIndex((l) => l.startsWith('pluginDefaults:')) + 1;
  for (const [path, copyLabel, rejects] of [
    ['etl-postgres/', 'Copy YAML for Kestra', 'rejects it'],
    ['zh-tw/etl-postgres/', '複製給 Kestra 用的 YAML', '不接受'],
  ] as const) {
    const pg = await openLesson(page, path);
    await pg.getByRole('button', { name: copyLabel }).click();
    const report = pg.getByTestId('kestra-compatibility');
    await expect(report.locator('li[data-version="0.20"]')).toHaveAttribute('data-accepted', 'true');
    await expect(report.locator('li[data-version="1.1"]')).toHaveAttribute('data-accepted', 'true');
    const v2 = report.locator('li[data-version="2.0"]');
    await expect(v2).toHaveAttribute('data-accepted', 'false');
    await expect(v2).toContainText(rejects);
    await expect(v2).toContainText(path.startsWith('zh') ? `第 ${line} 行` : `line ${line}`);
    await expect(v2).toContainText('pluginDefaults');
  }
});
