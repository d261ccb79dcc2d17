import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Execution } from '../../src/engine';
import { memoryFlows } from '../../src/engine/runtime/FlowRepository';
import { messages, states, taskRun } from './executionHarness';
import { runFlowSource } from './runFlowFile';
import { KESTRA_FIXTURES as DIR, kestraFlow, runKestra } from './kestraHarness';

const flows = memoryFlows([kestraFlow('subflow_child')]);

test('FlowCaseTest#waitSuccess: the Subflow waits, passes inputs and labels, and reads the child\'s flow outputs', async () => {
  const children: Execution[] = [];
  const { execution } = await runKestra('subflow_parent', {}, { services: { flows }, onExecution: (e) => children.push(e) });
  assert.equal(execution.state.current, 'SUCCESS');
  const child = children.find((e) => e.flowId === 'subflow_child')!;
  assert.equal(child.state.current, 'SUCCESS');
  assert.deepEqual(child.inputs, { order: 21, mode: 'ok' });
  assert.equal(child.labels.launched_by, 'parent');
  assert.deepEqual(taskRun(execution, 'call').outputs, { executionId: child.id, state: 'SUCCESS', outputs: { doubled: '42' } });
  assert.deepEqual(messages(execution, 'use'), [`child ${child.id} ended SUCCESS with 42`]);
  assert.match(messages(child, 'label')[0], /child got order 21 from subflow_parent/);
});

test('FlowCaseTest#waitFailed: a failed child fails the Subflow with transmitFailed, not without it', async () => {
  const failed = (await runKestra('subflow_parent', { mode: 'fail' }, { services: { flows } })).execution;
  assert.equal(failed.state.current, 'FAILED');
  assert.deepEqual(states(failed), { call: 'FAILED' });
  const kept = (await runKestra('subflow_parent', { mode: 'fail', transmit: false }, { services: { flows } })).execution;
  assert.equal(kept.state.current, 'SUCCESS');
  assert.match(messages(kept, 'use')[0], /ended FAILED with nothing/);
});

test('a Subflow whose flow the run does not know fails, naming it and --flows', async () => {
  const { execution } = await runKestra('subflow_parent', {}, { services: { flows: memoryFlows([]) } });
  assert.equal(execution.state.current, 'FAILED');
  assert.match(messages(execution, 'call')[0], /Unable to find flow 'test\.kestra'\.'subflow_child'.*--flows/);
});

test('a Subflow with inputs its flow rejects fails with the input error', async () => {
  const bad = readFileSync(resolve(DIR, 'subflow_parent.yaml'), 'utf8').replace('order: 21', 'order: "not a number"');
  const { execution } = await runFlowSource(bad, {}, { services: { flows } });
  assert.equal(execution.state.current, 'FAILED');
  assert.match(messages(execution, 'call')[0], /order/);
});

test('homework challenge: a ForEach over taxi × month starts flows/02_postgres_taxi.yaml as a Subflow each time (real PGlite)', async () => {
  const { createNodeServices } = await import('../../src/cli/createNodeServices');
  const { parseFlow } = await import('../../src/engine');
  const node = await createNodeServices({ dataset: 'sample' });
  try {
    const taxi = parseFlow(readFileSync(resolve(DIR, '../../../flows/02_postgres_taxi.yaml'), 'utf8')).flow!;
    const children: Execution[] = [];
    const { execution } = await runKestra('taxi_months_subflows', {}, { services: { ...node.services, flows: memoryFlows([taxi]) }, onExecution: (e) => children.push(e) });
    assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(states(execution)));
    const loads = children.filter((e) => e.flowId === '02_postgres_taxi');
    assert.deepEqual(loads.map((e) => `${e.inputs.taxi} ${e.inputs.year}-${e.inputs.month} ${e.state.current}`), [
      'yellow 2020-01 SUCCESS',
      'yellow 2020-02 SUCCESS',
      'green 2020-01 SUCCESS',
      'green 2020-02 SUCCESS',
    ]);
    assert.deepEqual(messages(execution, 'summary'), [`green 2020-02 ran as ${loads[3].id}`]);
    const db = await node.services.database!('postgres-zoomcamp');
    const files = await db.query('SELECT filename, count(*) AS n FROM public.green_tripdata GROUP BY filename ORDER BY filename');
    assert.deepEqual(files.rows.map((r) => r.filename), ['green_tripdata_2020-01.csv', 'green_tripdata_2020-02.csv']);
    assert.ok(files.rows.every((r) => Number(r.n) > 0));
  } finally {
    await node.close();
  }
});

test('ForEachItemCaseTest#forEachItem: batches of rows, one subflow execution each, numberOfBatches and iterations', async () => {
  const children: Execution[] = [];
  const services = { flows: memoryFlows([kestraFlow('foreach_item_child')]) };
  const { execution } = await runKestra('foreach_item', {}, { services, onExecution: (e) => children.push(e) });
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(execution.logs.map((l) => l.message)));
  assert.deepEqual(execution.taskRunList.filter((t) => t.taskId.startsWith('each')).map((t) => t.taskId), ['each', 'each_split', 'each_items', 'each_merge']);
  const out = taskRun(execution, 'each').outputs as { numberOfBatches: number; iterations: Record<string, number> };
  assert.equal(out.numberOfBatches, 3);
  assert.equal(out.iterations.SUCCESS, 3);
  assert.equal(out.iterations.RUNNING, 0);
  const batches = children.filter((e) => e.flowId === 'foreach_item_child');
  assert.deepEqual(batches.map((e) => messages(e, 'show')[0]).sort(), ['batch 0: row 1,row 2,row 3', 'batch 1: row 4,row 5,row 6', 'batch 2: row 7']);
  assert.match(String(batches[0].inputs.items), /^kestra:\/\/\/test\/kestra\/foreach-item\/executions\/.+\.txt$/);
});
