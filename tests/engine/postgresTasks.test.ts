import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPGlite } from '../../src/engine/postgres/openPGlite';
import type { SqlDatabaseHandle } from '../../src/engine/postgres/SqlDatabaseHandle';
import { splitQueries } from '../../src/engine/postgres/splitQueries';
import { parseJdbcUrl } from '../../src/engine/postgres/parseJdbcUrl';
import { buildCopySql } from '../../src/engine/postgres/buildCopySql';
import { ionValue } from '../../src/engine/postgres/ionText';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { runFlowSource } from './runFlowFile';
import { states as statesByTask } from './executionHarness';

let h: SqlDatabaseHandle;
const opened: string[] = [];
let storage: MemoryStorage;
before(async () => {
  h = await openPGlite();
});
after(async () => h.close());
beforeEach(async () => {
  await h.db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  storage = new MemoryStorage();
});

const run = (tasks: string, inputs: Record<string, unknown> = {}) =>
  runFlowSource(`id: pg\nnamespace: company.team\ntasks:\n${tasks}\npluginDefaults:\n  - type: io.kestra.plugin.jdbc.postgresql\n    values:\n      url: jdbc:postgresql://pgdatabase:5432/ny_taxi\n      username: root\n      password: root\n`, inputs, {
    services: {
      storage,
      database: async (name) => {
        opened.push(name);
        return h.db;
      },
    },
  });

const outputsOf = (exec: Awaited<ReturnType<typeof run>>['execution'], id: string) => exec.taskRunList.find((t) => t.taskId === id)?.outputs as Record<string, unknown>;
const errorOf = (exec: Awaited<ReturnType<typeof run>>['execution'], id: string) => exec.logs.filter((l) => l.taskId === id && l.level === 'ERROR').map((l) => l.message).join('\n');

test('splitQueries follows Kestra\'s `;[^\']` rule', () => {
  assert.deepEqual(splitQueries('CREATE TABLE a (x int);\nINSERT INTO a VALUES (1);\n'), ['CREATE TABLE a (x int)', 'INSERT INTO a VALUES (1)']);
  assert.deepEqual(splitQueries('TRUNCATE TABLE s;'), ['TRUNCATE TABLE s;'], 'a final ; stays attached');
  assert.deepEqual(splitQueries("SELECT 'a;b'"), ["SELECT 'a", "'"], 'a ; inside a string splits unless a quote follows');
  assert.deepEqual(splitQueries("SELECT ';'"), ["SELECT ';'"]);
  assert.deepEqual(splitQueries("UPDATE s SET f = 'x.csv';\n"), ["UPDATE s SET f = 'x.csv'"]);
  assert.deepEqual(splitQueries('SELECT 1;SELECT 2'), ['SELECT 1', 'ELECT 2'], 'the character after ; is swallowed, as in Kestra');
});

test('parseJdbcUrl maps any host and port to a database name', () => {
  assert.deepEqual(parseJdbcUrl('jdbc:postgresql://host.docker.internal:5432/postgres-zoomcamp'), { host: 'host.docker.internal', port: 5432, database: 'postgres-zoomcamp' });
  assert.deepEqual(parseJdbcUrl('jdbc:postgresql://pgdatabase/ny_taxi?ssl=false'), { host: 'pgdatabase', port: null, database: 'ny_taxi' });
  assert.equal(parseJdbcUrl('jdbc:postgresql://127.0.0.1:5432/', 'kestra').database, 'kestra');
  assert.throws(() => parseJdbcUrl('postgres://x/y'), /expected jdbc:postgresql:/);
});

test('buildCopySql builds the statement Kestra builds', () => {
  assert.equal(
    buildCopySql({ table: 'public.s', columns: ['a', 'b'], format: 'CSV', header: true }, 'FROM STDIN'),
    'COPY public.s (a, b) FROM STDIN WITH (FORMAT CSV, HEADER TRUE)',
  );
  assert.equal(buildCopySql({ table: 't', delimiter: '\\t', nullString: '' }, "FROM '/dev/blob'"), "COPY t FROM '/dev/blob' WITH (DELIMITER E'\\t', NULL '')");
  assert.equal(buildCopySql({ query: 'SELECT 1;', format: 'CSV' }, 'TO STDOUT'), 'COPY (SELECT 1) TO STDOUT WITH (FORMAT CSV)');
});

test('Queries: fetch types give Kestra\'s outputs; only result sets add entries; JSON-friendly values', async () => {
  const { execution } = await run(`
  - id: setup
    type: io.kestra.plugin.jdbc.postgresql.Queries
    sql: |
      CREATE TABLE t (id int, name text, at timestamp, atz timestamptz, amount numeric, big bigint, d date);
      INSERT INTO t VALUES (1, 'a', '2019-01-01 00:00:05', '2019-01-01 00:00:05+00', 1.50, 9007199254740993, '2019-01-02'), (2, 'b', NULL, NULL, NULL, 2, NULL);
  - id: fetch
    type: io.kestra.plugin.jdbc.postgresql.Queries
    fetchType: FETCH
    sql: SELECT * FROM t ORDER BY id; UPDATE t SET name = 'c' WHERE id = 2; SELECT count(*) AS n FROM t;
  - id: one
    type: io.kestra.plugin.jdbc.postgresql.Queries
    fetchType: FETCH_ONE
    sql: SELECT name FROM t WHERE id = 2
  - id: store
    type: io.kestra.plugin.jdbc.postgresql.Queries
    fetchType: STORE
    sql: SELECT id, name FROM t ORDER BY id
  - id: none
    type: io.kestra.plugin.jdbc.postgresql.Queries
    sql: SELECT 1
`);
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(execution.logs.filter((l) => l.level === 'ERROR')));
  assert.deepEqual(outputsOf(execution, 'setup'), { outputs: [] });
  assert.deepEqual(outputsOf(execution, 'fetch'), {
    outputs: [
      {
        rows: [
          { id: 1, name: 'a', at: '2019-01-01T00:00:05', atz: '2019-01-01T00:00:05Z', amount: 1.5, big: '9007199254740993', d: '2019-01-02' },
          { id: 2, name: 'b', at: null, atz: null, amount: null, big: 2, d: null },
        ],
        size: 2,
      },
      { rows: [{ n: 2 }], size: 1 },
    ],
  });
  assert.deepEqual(outputsOf(execution, 'one'), { outputs: [{ row: { name: 'c' }, size: 1 }] });
  const stored = (outputsOf(execution, 'store').outputs as { uri: string; size: number }[])[0];
  assert.equal(stored.size, 2);
  assert.match(stored.uri, /^kestra:\/\/\/company\/team\/pg\/executions\/.+\/tasks\/store\/.+\.ion$/);
  assert.equal(new TextDecoder().decode(await storage.get(stored.uri)), '{id:1,name:"a"}\n{id:2,name:"c"}\n');
  assert.deepEqual(outputsOf(execution, 'none'), { outputs: [{}] });
  assert.ok(execution.logs.some((l) => l.taskId === 'none' && l.level === 'INFO' && l.message === 'fetchType is set to NONE, no output will be returned'));
  assert.ok(execution.logs.some((l) => l.taskId === 'setup' && l.level === 'INFO' && l.message.startsWith('connected to in-browser Postgres 18.') && l.message.includes('database ny_taxi')));
  assert.ok(opened.every((n) => n === 'ny_taxi'));
  assert.equal(ionValue({ 'a b': 1.5, ok: true, n: null }), "{'a b':1.5e0,ok:true,n:null}");
});

test('Queries: a failing statement rolls back the whole task and reports message, SQLSTATE, statement and position', async () => {
  const { execution } = await run(`
  - id: setup
    type: io.kestra.plugin.jdbc.postgresql.Queries
    sql: CREATE TABLE t (id int)
  - id: bad
    type: io.kestra.plugin.jdbc.postgresql.Queries
    sql: |
      INSERT INTO t VALUES (1);
      SELECT id,
             nope
      FROM t;
`);
  assert.equal(execution.state.current, 'FAILED');
  assert.equal(statesByTask(execution).bad, 'FAILED');
  const err = errorOf(execution, 'bad');
  assert.match(err, /^ERROR: column "nope" does not exist/);
  assert.match(err, /SQLSTATE: 42703/);
  assert.match(err, /Position: \d+ \(line 2, column 8\)/);
  assert.match(err, /\n( +)nope\n\1\^/);
  assert.match(err, /rolled back/);
  assert.equal(Number((await h.db.query('SELECT count(*) AS n FROM t')).rows[0].n), 0, 'the INSERT was rolled back');
});

test('Queries with transaction: false keeps the statements before the failure', async () => {
  const { execution } = await run(`
  - id: bad
    type: io.kestra.plugin.jdbc.postgresql.Queries
    transaction: false
    sql: CREATE TABLE t (id int); INSERT INTO t VALUES (1); INSERT INTO t VALUES ('x');
`);
  assert.equal(execution.state.current, 'FAILED');
  assert.match(errorOf(execution, 'bad'), /invalid input syntax for type integer: "x"[\s\S]*SQLSTATE: 22P02/);
  assert.equal(Number((await h.db.query('SELECT count(*) AS n FROM t')).rows[0].n), 1);
});

test('Query: named parameters, afterSQL, and a single output', async () => {
  const { execution } = await run(`
  - id: setup
    type: io.kestra.plugin.jdbc.postgresql.Query
    sql: CREATE TABLE t (id int, name text, processed boolean DEFAULT false)
  - id: ins
    type: io.kestra.plugin.jdbc.postgresql.Query
    sql: INSERT INTO t (id, name) VALUES (:id, :name)
    parameters:
      id: 7
      name: "{{ flow.id }}"
  - id: get
    type: io.kestra.plugin.jdbc.postgresql.Query
    fetchType: FETCH
    sql: SELECT id, name, name::text AS cast FROM t WHERE id = :id
    parameters:
      id: 7
    afterSQL: UPDATE t SET processed = true WHERE id = :id
`);
  assert.equal(execution.state.current, 'SUCCESS', errorOf(execution, 'ins') + errorOf(execution, 'get'));
  assert.deepEqual(outputsOf(execution, 'get'), { rows: [{ id: 7, name: 'pg', cast: 'pg' }], size: 1 });
  assert.equal((await h.db.query('SELECT processed FROM t')).rows[0].processed, true);
});

test('CopyIn loads a stored file (CSV and TEXT formats, options); CopyOut writes one', async () => {
  const csvUri = 'kestra:///company/team/pg/executions/x/tasks/up/y/data.csv';
  await storage.put(csvUri, new TextEncoder().encode('a;b;c\r\n1;"x;y";NA\r\n2;;3\r\n'));
  const tsvUri = 'kestra:///company/team/pg/executions/x/tasks/up/y/data.tsv';
  await storage.put(tsvUri, new TextEncoder().encode('5\thello\t\\N\n6\tworld\t9\n'));
  const { execution } = await run(`
  - id: setup
    type: io.kestra.plugin.jdbc.postgresql.Queries
    sql: CREATE TABLE t (a int, b text, c int)
  - id: csv
    type: io.kestra.plugin.jdbc.postgresql.CopyIn
    from: ${csvUri}
    table: t
    format: CSV
    header: true
    delimiter: ";"
    nullString: NA
    columns: [a, b, c]
  - id: text
    type: io.kestra.plugin.jdbc.postgresql.CopyIn
    from: ${tsvUri}
    table: t
  - id: out
    type: io.kestra.plugin.jdbc.postgresql.CopyOut
    format: CSV
    header: true
    sql: SELECT a, b, c FROM t ORDER BY a
  - id: broken
    type: io.kestra.plugin.jdbc.postgresql.CopyIn
    from: ${csvUri}
    table: t
    format: CSV
    header: true
`);
  assert.equal(outputsOf(execution, 'csv').rowCount, 2);
  assert.equal(outputsOf(execution, 'text').rowCount, 2);
  const out = outputsOf(execution, 'out') as { uri: string; rowCount: number };
  assert.equal(out.rowCount, 4);
  assert.equal(new TextDecoder().decode(await storage.get(out.uri)), 'a,b,c\n1,x;y,\n2,"",3\n5,hello,\n6,world,9\n');
  assert.equal(statesByTask(execution).broken, 'FAILED');
  assert.match(errorOf(execution, 'broken'), /SQLSTATE: 22P02[\s\S]*File: kestra:\/\//);
  assert.ok(execution.logs.some((l) => l.taskId === 'csv' && l.level === 'DEBUG' && l.message === "Starting query: COPY t (a, b, c) FROM STDIN WITH (FORMAT CSV, DELIMITER ';', NULL 'NA', HEADER TRUE)"));
});

test('a Postgres task without url, or with a from that is not a stored file, fails clearly', async () => {
  const { execution } = await runFlowSource(`id: nourl
namespace: t
tasks:
  - id: q
    type: io.kestra.plugin.jdbc.postgresql.Query
    sql: SELECT 1
`, {}, { services: { database: async () => h.db } });
  assert.match(errorOf(execution, 'q'), /Missing required property `url`/);
  const r = await run(`
  - id: c
    type: io.kestra.plugin.jdbc.postgresql.CopyIn
    from: "{{ outputs.nothing ?? '' }}"
    table: t
`);
  assert.match(errorOf(r.execution, 'c'), /must be a file in Kestra's internal storage/);
});
