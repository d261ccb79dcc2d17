import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeDuckDb } from '../../src/cli/runtimes/createNodeDuckDb';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { ExecutionControl } from '../../src/engine/runtime/ExecutionControl';
import { systemClock } from '../../src/engine/runtime/Clock';
import type { RunOptions } from '../../src/engine';
import { splitDuckDbSql } from '../../src/engine/duckdb/splitDuckDbSql';
import { jsonRecords } from '../../src/engine/duckdb/jsonReaders';
import { messages, run, states, taskRun } from './executionHarness';
import { pythonFixture } from './pythonHarness';

// one DuckDB-Wasm for the file, as the command line keeps one
const duckdb = createNodeDuckDb();
after(() => duckdb.close());

async function runDuckDb(name: string, options: RunOptions = {}) {
  const storage = new MemoryStorage();
  const r = await run(pythonFixture(name), { ...options, services: { storage, duckdb: duckdb.load, ...options.services } });
  return { ...r, storage };
}

test('fetchType FETCH_ONE, FETCH, STORE and NONE shape the outputs; inputFiles are read by absolute and relative name', async () => {
  const { execution, storage } = await runDuckDb('duckdb_fetch_types');
  assert.equal(execution.state.current, 'SUCCESS', messages(execution).join('\n'));
  assert.deepEqual(taskRun(execution, 'one').outputs, { row: { customer: 'bo', total: 20 }, size: 1 });
  assert.deepEqual(taskRun(execution, 'all').outputs, {
    rows: [
      { order_id: 1, customer: 'ana' },
      { order_id: 2, customer: 'bo' },
    ],
    size: 2,
  });
  const stored = taskRun(execution, 'stored').outputs as { uri: string; size: number };
  assert.equal(stored.size, 3);
  assert.equal(new TextDecoder().decode(await storage.get(stored.uri)), '{n:0,twice:0,day:"2024-01-01"}\n{n:1,twice:2,day:"2024-01-02"}\n{n:2,twice:4,day:"2024-01-03"}\n');
  assert.deepEqual(taskRun(execution, 'nothing').outputs ?? {}, {});
  assert.ok(messages(execution, 'nothing').includes('fetchType is set to NONE, no output will be returned'));
});

test('Queries: outputs per result, outputFiles written by COPY are stored, a file url keeps the database for later tasks', async () => {
  const { execution, storage } = await runDuckDb('duckdb_queries');
  assert.equal(execution.state.current, 'SUCCESS', messages(execution).join('\n'));
  const load = taskRun(execution, 'load').outputs as { outputs: unknown[]; outputFiles: Record<string, string> };
  assert.deepEqual(load.outputs, [
    { rows: [{ n: 2 + 1 }], size: 1 },
    {
      rows: [
        { item: 'apple', qty: 4 },
        { item: 'pear', qty: 5 },
      ],
      size: 2,
    },
  ]);
  assert.deepEqual(Object.keys(load.outputFiles), ['summary']);
  assert.equal(new TextDecoder().decode(await storage.get(load.outputFiles.summary)), 'item,qty\napple,4\npear,5\n');
  assert.deepEqual(taskRun(execution, 'later').outputs, { row: { total: 9 }, size: 1 });
  // the default url is a new in-memory database for each task
  assert.deepEqual(taskRun(execution, 'fresh').outputs, { row: { n: 0 }, size: 1 });
});

test('Queries runs in a transaction: a failing statement rolls back the statements before it', async () => {
  const { execution } = await runDuckDb('duckdb_rollback');
  assert.deepEqual(states(execution), { create: 'SUCCESS', failing: 'WARNING', count: 'SUCCESS' });
  const error = execution.logs.find((l) => l.taskId === 'failing' && l.level === 'ERROR')!.message;
  assert.match(error, /no_such_table/);
  assert.match(error, /The transaction was rolled back/);
  assert.deepEqual(taskRun(execution, 'count').outputs, { row: { n: 0 }, size: 1 });
});

test('INSTALL/LOAD json need no network: read_ndjson_auto and read_json_auto read input files; other extensions are refused by name', async () => {
  const { execution } = await runDuckDb('duckdb_extensions');
  assert.deepEqual(states(execution), { json: 'SUCCESS', columns: 'SUCCESS', parquet: 'WARNING' });
  assert.deepEqual((taskRun(execution, 'json').outputs as { rows: unknown[] }).rows, [
    { kind: 'click', n: 2, max_user: 7 },
    { kind: 'view', n: 1, max_user: 8 },
  ]);
  // columns in the order keys first appear, missing values null, nested values as JSON
  assert.deepEqual(taskRun(execution, 'columns').outputs, { row: { kind: 'click', user: { id: 7 }, tags: ['a', 'b'], extra: null }, size: 1 });
  assert.ok(messages(execution, 'json').some((m) => m.startsWith('INSTALL json: nothing to download here')));
  const refused = execution.logs.find((l) => l.taskId === 'parquet' && l.level === 'ERROR')!.message;
  assert.match(refused, /The DuckDB extension `httpfs` is not available in the playground/);
});

test('Kill stops a long DuckDB query; the next task gets a fresh DuckDB', async () => {
  const control = new ExecutionControl();
  const started = Date.now();
  const { execution } = await runDuckDb('duckdb_endless', {
    control,
    services: { clock: systemClock },
    emit: (e) => {
      if (e.type === 'log' && e.message.startsWith('Starting query: SELECT count(*) FROM range')) setTimeout(() => control.kill(), 200);
    },
  });
  assert.equal(execution.state.current, 'KILLED');
  assert.ok(Date.now() - started < 60_000);
  const next = await runDuckDb('duckdb_fetch_types');
  assert.equal(next.execution.state.current, 'SUCCESS');
});

test('statements split at top-level semicolons only', () => {
  assert.deepEqual(splitDuckDbSql("INSTALL json; LOAD json;\nSELECT ';' AS a, \"x;y\" -- c;\nFROM t; /* ; */ SELECT $$;$$;;"), [
    'INSTALL json',
    'LOAD json',
    "SELECT ';' AS a, \"x;y\" -- c;\nFROM t",
    '/* ; */ SELECT $$;$$',
  ]);
  assert.deepEqual(splitDuckDbSql('  -- only a comment\n'), []);
});

test('JSON records as read_json_auto sees them: an array, one object, or one object per line', () => {
  assert.deepEqual(jsonRecords('[{"a":1},{"b":2,"a":3}]'), { records: [{ a: 1 }, { b: 2, a: 3 }], keys: ['a', 'b'] });
  assert.deepEqual(jsonRecords('{"a":1}'), { records: [{ a: 1 }], keys: ['a'] });
  assert.deepEqual(jsonRecords('{"a":1}\n\n{"a":2}\n'), { records: [{ a: 1 }, { a: 2 }], keys: ['a'] });
  assert.throws(() => jsonRecords('{"a":1}\n{oops'), /Malformed JSON at line 2/);
});
