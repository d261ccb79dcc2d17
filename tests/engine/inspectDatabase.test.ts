import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPGlite } from '../../src/engine/postgres/openPGlite';
import { listTables } from '../../src/engine/postgres/inspectDatabase';
import type { SqlDatabaseHandle } from '../../src/engine/postgres/SqlDatabaseHandle';
import type { SqlDatabase } from '../../src/engine/runtime/EngineServices';

// the Database tab's table list (our own panel, no Kestra counterpart): every user table, its columns and exact count
let h: SqlDatabaseHandle;
before(async () => {
  h = await openPGlite();
});
after(async () => {
  await h.close();
});

/** The database, counting the statements sent to it. */
function counted(db: SqlDatabase): { db: SqlDatabase; calls: () => number } {
  let n = 0;
  return {
    db: {
      ...db,
      query: (...args: Parameters<SqlDatabase['query']>) => (n++, db.query(...args)),
      exec: (...args: Parameters<SqlDatabase['exec']>) => (n++, db.exec(...args)),
    },
    calls: () => n,
  };
}

test('listTables: nothing but the catalog answers an empty list', async () => {
  const c = counted(h.db);
  assert.deepEqual(await listTables(c.db), []);
  assert.equal(c.calls(), 1);
});

test('listTables: columns in order with types and nullability, exact counts, odd names, dropped columns and partitions, in one round trip', async () => {
  await h.db.exec(`
    CREATE TABLE public.trips (id serial PRIMARY KEY, fare numeric(8,2), note text NOT NULL DEFAULT '', gone int);
    ALTER TABLE public.trips DROP COLUMN gone;
    INSERT INTO public.trips (fare) SELECT g FROM generate_series(1, 1234) g;
    CREATE SCHEMA "Odd Schema";
    CREATE TABLE "Odd Schema"."We""ird" ("a b" varchar(3));
    INSERT INTO "Odd Schema"."We""ird" VALUES ('x'), ('y');
    CREATE TABLE public.empty ();
    CREATE TABLE public.parted (d date NOT NULL) PARTITION BY RANGE (d);
    CREATE TABLE public.parted_2020 PARTITION OF public.parted FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
    INSERT INTO public.parted VALUES ('2020-03-01'), ('2020-04-01'), ('2020-05-01');
    CREATE VIEW public.stg_trips AS SELECT id, fare FROM public.trips WHERE fare > 1000;
    CREATE MATERIALIZED VIEW public.big_fares AS SELECT id FROM public.trips WHERE fare > 1200;
  `);
  const c = counted(h.db);
  const tables = await listTables(c.db);
  assert.equal(c.calls(), 1);
  assert.deepEqual(
    tables.map((t) => [t.schema, t.name, t.kind, t.rowCount]),
    [
      ['Odd Schema', 'We"ird', 'table', 2],
      ['public', 'big_fares', 'table', 34],
      ['public', 'empty', 'table', 0],
      ['public', 'parted', 'table', 3],
      ['public', 'parted_2020', 'table', 3],
      // a view (dbt's staging models are views) is listed with its columns, not counted: that would run its query
      ['public', 'stg_trips', 'view', null],
      ['public', 'trips', 'table', 1234],
    ],
  );
  assert.deepEqual(tables.find((t) => t.name === 'trips')!.columns, [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'fare', type: 'numeric(8,2)', nullable: true },
    { name: 'note', type: 'text', nullable: false },
  ]);
  assert.deepEqual(tables.find((t) => t.name === 'We"ird')!.columns, [{ name: 'a b', type: 'character varying(3)', nullable: true }]);
  assert.deepEqual(tables.find((t) => t.name === 'empty')!.columns, []);
  assert.deepEqual(tables.find((t) => t.name === 'stg_trips')!.columns, [
    { name: 'id', type: 'integer', nullable: true },
    { name: 'fare', type: 'numeric(8,2)', nullable: true },
  ]);
});
