import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPGlite } from '../../src/engine/postgres/openPGlite';
import { createDatabaseProvider } from '../../src/engine/postgres/databaseProvider';
import { splitSqlStatements } from '../../src/engine/postgres/splitSqlStatements';
import { databaseCalls, MAX_COUNTED_ROWS } from '../../src/worker/databaseCalls';

const provider = createDatabaseProvider(() => openPGlite());
test.after(() => provider.close());

test('COPY … TO PROGRAM and server files are refused with a clear error, and the session keeps answering', async () => {
  const db = await provider.database('guard');
  for (const sql of ["COPY (SELECT 1) TO PROGRAM 'cat'", "copy t from program 'x'", "COPY t TO '/tmp/x.csv'", "SELECT pg_read_file('/etc/passwd')"]) {
    await assert.rejects(() => db.exec(sql), (e: Error & { sqlState?: string }) => e.sqlState === '0A000' && /not supported by the in-browser PostgreSQL/.test(e.message), sql);
  }
  // PGlite itself answers COPY TO PROGRAM with "0 rows" and then breaks every later query: it never reaches it
  assert.deepEqual((await db.query('SELECT 42 AS answer')).rows, [{ answer: 42 }]);
  // COPY through /dev/blob (how CopyIn feeds PGlite) and text that only mentions PROGRAM are fine
  await db.exec("CREATE TABLE t (a int); SELECT 'COPY x TO PROGRAM y' AS s");
  await db.exec("COPY t FROM '/dev/blob' WITH (FORMAT csv)", { blob: new Blob(['1\n2\n']) });
  assert.deepEqual((await db.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 2 }]);
});

test('statements split like psql: quotes, dollar quotes and comments keep their semicolons', () => {
  assert.deepEqual(splitSqlStatements("select ';'; select $$a;b$$; -- c;\nselect \"x;y\" /* ; */ ;;"), ["select ';'", 'select $$a;b$$', '-- c;\nselect "x;y" /* ; */']);
});

test('the database panel pages a huge result through a cursor and caps the count', async () => {
  const uses: string[] = [];
  const calls = databaseCalls(() => ({ database: (n) => (uses.push(n), provider.database(n)), done: () => uses.push('done') }));
  const r = await calls.query('guard', 'SELECT g FROM generate_series(1, 1500000) g', { offset: 1000, limit: 5 });
  assert.deepEqual(r.rows, [[1001], [1002], [1003], [1004], [1005]]);
  assert.equal(r.rowCount, MAX_COUNTED_ROWS);
  assert.equal(r.rowCountCapped, true);
  const small = await calls.query('guard', 'CREATE TEMP TABLE x AS SELECT 1 AS a; SELECT * FROM x', { offset: 0, limit: 10 });
  assert.deepEqual(small.rows, [[1]]);
  assert.equal(small.rowCount, 1);
  assert.equal(small.rowCountCapped, undefined);
  assert.deepEqual(uses, ['guard', 'done', 'guard', 'done']);
  const tables = await calls.tables('guard');
  assert.deepEqual(tables.map((t) => [t.schema, t.name, t.rowCount, t.columns.map((c) => c.type)]), [['public', 't', 2, ['integer']]]);
});

test('a failed statement inside a transaction rolls it back and the session goes on (no wait on itself)', async () => {
  const db = await provider.database('guard-tx');
  await db.exec('CREATE TABLE t (a int)');
  await assert.rejects(() => db.transaction(async (tx) => {
    await tx.exec('INSERT INTO t VALUES (1)');
    await tx.exec('DECLARE c NO SCROLL CURSOR FOR SELECT nope FROM t');
  }), /nope/);
  assert.deepEqual((await db.query('SELECT count(*)::int AS n FROM t')).rows, [{ n: 0 }]);
});

test('an error in the paged last statement points into the text the learner typed, not the cursor around it', async () => {
  const calls = databaseCalls(() => ({ database: (n) => provider.database(n), done: () => {} }));
  const err = (sql: string) => calls.query('guard', sql, { offset: 0, limit: 10 }).then(() => assert.fail('expected an error'), (e: { position?: string }) => Number(e.position));
  // "SELECT\n  nope": 'nope' is the 10th character
  assert.equal(await err('SELECT\n  nope FROM generate_series(1, 2) g;'), 10);
  // after an earlier statement (and a non-ASCII character, counted as one): 'nope' at character 21
  assert.equal(await err("SELECT 'é';\n SELECT nope FROM generate_series(1, 2) g"), 21);
  // the earlier statement's own error keeps its position
  assert.equal(await err('SELECT nope1;\nSELECT 1'), 8);
});
