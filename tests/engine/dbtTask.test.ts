import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createNodeServices } from '../../src/cli/createNodeServices';
import type { EngineServices } from '../../src/engine/runtime/EngineServices';
import { MemoryNamespaceFiles } from '../../src/engine/storage/NamespaceFiles';
import type { KestraVersion } from '../../src/engine/KestraVersion';
import { history, messages, states } from './executionHarness';
import { runFlowFile } from './runFlowFile';
import { DBT_FIXTURES, folderFiles } from './dbtHarness';

// DbtCLI as Kestra's plugin-dbt runs it (DbtCLI.java, ResultParser.java, LogService.java): dbt's JSON
// log lines become `[Date: …] [Thread: …] [Type: …] msg` log lines, each run_results node a task run
// under the DbtCLI task run (error/fail → FAILED, warn → WARNING, skipped → SKIPPED); from Kestra 1.0
// a warning logged by dbt ends the task WARNING (plugin-dbt #196), in 0.20 it stays SUCCESS.

let services: Partial<EngineServices>;
let close: () => Promise<void>;
before(async () => {
  ({ services, close } = await createNodeServices({ dataset: 'sample' }));
});
after(async () => close());

async function shopFiles(changes: Record<string, string> = {}): Promise<MemoryNamespaceFiles> {
  const nf = new MemoryNamespaceFiles();
  for (const [p, d] of folderFiles(join(DBT_FIXTURES, 'shop'))) await nf.write('tests.dbt', p, d);
  for (const [p, t] of Object.entries(changes)) await nf.write('tests.dbt', p, new TextEncoder().encode(t));
  return nf;
}

const run = (nf: MemoryNamespaceFiles, command: string, kestraVersion: KestraVersion = '1.1') =>
  runFlowFile('tests/fixtures/dbt/flows/shop_dbt.yaml', { command }, { services: { ...services, namespaceFiles: nf, kestraVersion } });

test('a warning test makes its node WARNING; the task ends WARNING from Kestra 1.0, SUCCESS on 0.20', async () => {
  const nf = await shopFiles();
  const { execution } = await run(nf, 'dbt build');
  assert.equal(states(execution).dbt, 'WARNING', JSON.stringify(states(execution)));
  assert.equal(execution.state.current, 'WARNING');
  const child = execution.taskRunList.find((t) => t.taskId.startsWith('test.shop.not_null_raw_customers_email.'))!;
  assert.deepEqual(history(child.state), ['CREATED', 'RUNNING', 'WARNING']);
  assert.ok(messages(execution, child.taskId).some((m) => /=> warn in \d+\.\d\ds \(1 failure\)/.test(m)));
  const log = messages(execution, 'dbt');
  assert.ok(log.some((m) => m.startsWith('This task asks for the task runner io.kestra.plugin.scripts.runner.docker.Docker with image ghcr.io/kestra-io/dbt-postgres:latest')), log.join('\n'));
  assert.ok(log.some((m) => /^\[Date: [^\]]+\] \[Thread: Thread-1 \(worker\)\] \[Type: LogTestResult\] \d+ of 14 WARN 1 not_null_raw_customers_email/.test(m)));

  const old = await run(await shopFiles(), 'dbt build', '0.20');
  assert.equal(states(old.execution).dbt, 'SUCCESS');
});

test('a failing test fails the task; what depends on it is a SKIPPED task run', async () => {
  const nf = await shopFiles({ 'seeds/raw_orders.csv': 'id,customer_id,ordered_at,amount,status\n1,1,2024-01-02,12.50,placed\n2,2,2024-01-03,1.00,lost\n' });
  const { execution } = await run(nf, 'dbt build');
  assert.equal(execution.state.current, 'FAILED');
  const s = states(execution);
  assert.equal(s.dbt, 'FAILED');
  const byName = (prefix: string) => execution.taskRunList.find((t) => t.taskId.startsWith(prefix))!;
  assert.equal(byName('test.shop.accepted_values_stg_orders_status').state.current, 'FAILED');
  assert.deepEqual(history(byName('model.shop.fact_orders').state), ['CREATED', 'RUNNING', 'SKIPPED']);
  assert.equal(byName('model.shop.customer_totals').state.current, 'SKIPPED');
  assert.equal(byName('model.shop.stg_orders').state.current, 'SUCCESS');
  assert.ok(messages(execution, 'dbt').some((m) => m.includes('Command failed with exit code 1')));
});

test('a compilation error fails the task with dbt\'s message', async () => {
  const nf = await shopFiles({ 'models/marts/customer_totals.sql': "select * from {{ ref('no_such_model') }}" });
  const { execution } = await run(nf, 'dbt run');
  assert.equal(execution.state.current, 'FAILED');
  assert.ok(messages(execution, 'dbt').some((m) => m.includes("depends on a node named 'no_such_model' which was not found")), messages(execution, 'dbt').join('\n'));
});
