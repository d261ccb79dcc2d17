import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createNodeServices } from '../../src/cli/createNodeServices';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { ROOT, runFlowFile } from './runFlowFile';
import { messages, states, taskRun } from './executionHarness';

// the command line's services with --offline: dummyjson.com/products comes from the site's sample
const node = await createNodeServices({ dataset: 'sample', offline: true });
after(() => node.close());

/** Reads the Ion lines the STORE fetch type wrote ({brand:"…",avg_price:12.3e0}), without DuckDB or our Ion writer. */
function readStoredRows(text: string): { brand: string; avg_price: number }[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const m = /^\{brand:("(?:[^"\\]|\\.)*"),avg_price:([-+0-9.e]+)\}$/.exec(line);
      assert.ok(m, `unexpected Ion line ${line}`);
      return { brand: JSON.parse(m[1]) as string, avg_price: Number(m[2]) };
    });
}

/** The average price per brand of the sample, computed here from the JSON (a product without a brand counts as "N/A", as the flow's script does). */
function expectedAverages(): Map<string, number> {
  const sample = JSON.parse(readFileSync(resolve(ROOT, 'public/data/samples/dummyjson-products.json'), 'utf8')) as { products: { brand?: string; price: number }[] };
  const sums = new Map<string, { total: number; n: number }>();
  for (const p of sample.products) {
    const brand = p.brand ?? 'N/A';
    const s = sums.get(brand) ?? { total: 0, n: 0 };
    s.total += p.price;
    s.n += 1;
    sums.set(brand, s);
  }
  return new Map([...sums].map(([brand, s]) => [brand, Math.round((s.total / s.n) * 100) / 100]));
}

// the course's first pipeline (2025 01_getting_started_data_pipeline, 2026 03_…): Download → python.Script → duckdb.Query
test('flows/01_getting_started_data_pipeline.yaml: extract, transform and query succeed offline; the stored result is the average price per brand', async () => {
  const storage = new MemoryStorage();
  const { execution } = await runFlowFile('flows/01_getting_started_data_pipeline.yaml', {}, { services: { ...node.services, storage } });
  assert.equal(execution.state.current, 'SUCCESS', messages(execution).join('\n'));
  assert.deepEqual(states(execution), { extract: 'SUCCESS', transform: 'SUCCESS', query: 'SUCCESS' });

  // the download said it used the sample
  assert.ok(execution.logs.some((l) => l.taskId === 'extract' && l.level === 'WARN' && /Sample data: https:\/\/dummyjson\.com\/products could not be reached \(offline mode\)/.test(l.message)));

  // the transform kept brand and price of every product
  const transform = taskRun(execution, 'transform').outputs as { outputFiles: Record<string, string>; vars: { products: number } };
  // `*.json` also matches the input file data.json, as on Kestra (it is in the working directory too)
  assert.deepEqual(Object.keys(transform.outputFiles).sort(), ['data.json', 'products.json']);
  const kept = JSON.parse(new TextDecoder().decode(await storage.get(transform.outputFiles['products.json']))) as Record<string, unknown>[];
  assert.equal(kept.length, transform.vars.products);
  assert.ok(kept.every((p) => Object.keys(p).join() === 'brand,price'));

  // the query's stored result equals the averages computed from the JSON here
  const query = taskRun(execution, 'query').outputs as { uri: string; size: number };
  assert.match(query.uri, /\.ion$/);
  const rows = readStoredRows(new TextDecoder().decode(await storage.get(query.uri)));
  const expected = expectedAverages();
  assert.equal(query.size, expected.size);
  assert.deepEqual(new Map(rows.map((r) => [r.brand, r.avg_price])), expected);
  // ORDER BY avg_price DESC
  assert.deepEqual(rows.map((r) => r.avg_price), [...rows.map((r) => r.avg_price)].sort((a, b) => b - a));
  assert.ok(rows.some((r) => r.brand === 'N/A'), 'groceries have no brand');
});

test('the columns_to_keep input changes what the transform keeps and what DuckDB can group by', async () => {
  const storage = new MemoryStorage();
  const { execution } = await runFlowFile('flows/01_getting_started_data_pipeline.yaml', { columns_to_keep: '["title","price"]' }, { services: { ...node.services, storage } });
  // no brand column any more: DuckDB says so, located in the query task
  assert.deepEqual(states(execution), { extract: 'SUCCESS', transform: 'SUCCESS', query: 'FAILED' });
  const error = execution.logs.find((l) => l.taskId === 'query' && l.level === 'ERROR')!.message;
  assert.match(error, /brand/);
});
