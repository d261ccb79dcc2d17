/**
 * CopyIn (io.kestra.plugin.jdbc.postgresql.CopyIn, Kestra's AbstractCopy
 * options) in a real flow: a CSV file with encodable columns goes the binary
 * way (a DEBUG line says so) and loads what PostgreSQL's CSV reading loads;
 * other files go the text way and say why; errors are PostgreSQL's own, from
 * the text COPY, with the file named.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPGlite } from '../../src/engine/postgres/openPGlite';
import type { SqlDatabaseHandle } from '../../src/engine/postgres/SqlDatabaseHandle';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { runFlowSource } from './runFlowFile';
import { states } from './executionHarness';

let h: SqlDatabaseHandle;
let storage: MemoryStorage;
before(async () => {
  h = await openPGlite();
});
after(async () => h.close());
beforeEach(async () => {
  await h.db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  storage = new MemoryStorage();
});

const URI = 'kestra:///company/team/copy/executions/x/tasks/up/y/trips.csv';

async function copyIn(csv: string, table: string, extra = '') {
  await storage.put(URI, new TextEncoder().encode(csv));
  const { execution } = await runFlowSource(
    `id: copy
namespace: company.team
tasks:
  - id: load
    type: io.kestra.plugin.jdbc.postgresql.CopyIn
    url: jdbc:postgresql://localhost:5432/db
    from: ${URI}
    table: ${table}
    format: CSV
    header: true
${extra}`,
    {},
    { services: { storage, database: async () => h.db } },
  );
  const logs = execution.logs.filter((l) => l.taskId === 'load');
  return {
    state: states(execution).load,
    rowCount: (execution.taskRunList.find((t) => t.taskId === 'load')?.outputs as { rowCount?: number } | undefined)?.rowCount,
    debug: logs.filter((l) => l.level === 'DEBUG').map((l) => l.message),
    error: logs.filter((l) => l.level === 'ERROR').map((l) => l.message).join('\n'),
  };
}

const TRIPS = 'VendorID,pickup,fare,passengers,flag\n2,2020-03-01 00:20:18,8.24,1,N\n1,2020-03-01T01:02:03.5,-0.5,,"Y"\n';

test('a CSV of encodable columns is loaded with a binary COPY, and holds what the text COPY would', async () => {
  await h.db.exec('CREATE TABLE trips (vendorid text, pickup timestamp, fare double precision, passengers integer, flag text)');
  const r = await copyIn(TRIPS, 'public.trips', '    columns: [VendorID, pickup, fare, passengers, flag]');
  assert.equal(r.state, 'SUCCESS', r.error);
  assert.equal(r.rowCount, 2);
  assert.ok(r.debug.includes('Starting query: COPY public.trips (VendorID, pickup, fare, passengers, flag) FROM STDIN WITH (FORMAT CSV, HEADER TRUE)'), r.debug.join('\n'));
  assert.ok(r.debug.some((m) => m.startsWith('CSV read by the engine and loaded with a binary COPY: COPY public.trips (VendorID, pickup, fare, passengers, flag) FROM')), r.debug.join('\n'));
  const rows = (await h.db.query('SELECT t::text AS r FROM trips t ORDER BY ctid')).rows.map((x) => x.r);
  assert.deepEqual(rows, ['(2,"2020-03-01 00:20:18",8.24,1,N)', '(1,"2020-03-01 01:02:03.5",-0.5,,Y)']);
});

test('a column type the encoder does not know sends the file the text way, saying why', async () => {
  await h.db.exec('CREATE TABLE trips (vendorid text, pickup timestamp, fare money, passengers integer, flag text)');
  const r = await copyIn(TRIPS, 'trips');
  assert.equal(r.state, 'SUCCESS', r.error);
  assert.equal(r.rowCount, 2);
  assert.ok(r.debug.some((m) => /^CSV loaded as text by PostgreSQL \(not as binary: column fare has a type the encoder does not know/.test(m)), r.debug.join('\n'));
  assert.equal((await h.db.query('SELECT sum(fare)::text AS s FROM trips')).rows[0].s, '$7.74');
});

test('a value PostgreSQL rejects fails the task with PostgreSQL\'s own message, line and file', async () => {
  await h.db.exec('CREATE TABLE trips (vendorid text, pickup timestamp, fare double precision, passengers integer NOT NULL, flag text)');
  const r = await copyIn(TRIPS, 'trips');
  assert.equal(r.state, 'FAILED');
  // the binary COPY was refused by the NOT NULL constraint; the text COPY then reports it as PostgreSQL does
  assert.match(r.error, /null value in column "passengers" of relation "trips" violates not-null constraint[\s\S]*SQLSTATE: 23502[\s\S]*File: kestra:\/\//);
  assert.equal((await h.db.query('SELECT count(*)::int AS n FROM trips')).rows[0].n, 0, 'nothing was loaded');
  const bad = await copyIn('a\n99999999999\n', 'trips', '    columns: [passengers]');
  assert.equal(bad.state, 'FAILED');
  assert.match(bad.error, /value "99999999999" is out of range for type integer[\s\S]*SQLSTATE: 22003/);
  assert.ok(bad.debug.some((m) => m.includes('column passengers: value "99999999999"')), bad.debug.join('\n'));
});
