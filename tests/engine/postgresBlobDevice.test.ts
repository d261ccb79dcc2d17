/**
 * PGlite's /dev/blob with the engine's faster device (fastBlobDevice.ts):
 * COPY reads the same data from a BytesBlob (no Blob copies) as from a real
 * Blob, large data arrives whole, and COPY … TO '/dev/blob' (CopyOut) still
 * writes its blob.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPGlite } from '../../src/engine/postgres/openPGlite';
import type { SqlDatabaseHandle } from '../../src/engine/postgres/SqlDatabaseHandle';
import { BytesBlob } from '../../src/engine/postgres/BytesBlob';
import { installFastBlobDevice } from '../../src/engine/postgres/fastBlobDevice';

let h: SqlDatabaseHandle;
let plain: SqlDatabaseHandle;
before(async () => {
  h = await openPGlite();
  plain = await openPGlite({ fastBlobDevice: false });
});
after(async () => {
  await h.close();
  await plain.close();
});

/** CSV lines `i,<i repeated>` for i in [0, n). */
function csv(n: number): Uint8Array {
  let s = '';
  for (let i = 0; i < n; i++) s += `${i},${String(i).repeat(1 + (i % 40))}\n`;
  return new TextEncoder().encode(s);
}

const digest = async (db: SqlDatabaseHandle['db']) =>
  (await db.query("SELECT count(*)::int AS n, md5(string_agg(a::text || ':' || b, ',' ORDER BY a)) AS h FROM t")).rows[0];

test('COPY reads the same rows from a BytesBlob, from a Blob, and through PGlite\'s own device', async () => {
  const data = csv(200_000); // several MB: many 64 KiB reads
  const results = [];
  for (const [db, blob] of [
    [h.db, new BytesBlob(data)],
    [h.db, new Blob([data as BlobPart])],
    [plain.db, new Blob([data as BlobPart])],
    // a view into a larger buffer: only its own bytes are read
    [h.db, new BytesBlob(new Uint8Array([...new TextEncoder().encode('9,junk\n'), ...data, ...new TextEncoder().encode('8,junk\n')]).subarray(7, 7 + data.length))],
  ] as const) {
    await db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t (a int, b text)');
    const r = await db.query("COPY t FROM '/dev/blob' WITH (FORMAT csv)", [], { blob });
    assert.equal(r.affectedRows, 200_000);
    results.push(await digest(db));
  }
  for (const r of results.slice(1)) assert.deepEqual(r, results[0]);
});

test('COPY TO /dev/blob (CopyOut) still writes its blob, and data from one COPY is not read by the next', async () => {
  await h.db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t (a int, b text)');
  await h.db.query("COPY t FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new BytesBlob(new TextEncoder().encode('1,a\n2,b\n')) });
  const out = await h.db.query("COPY (SELECT * FROM t ORDER BY a) TO '/dev/blob' WITH (FORMAT csv)");
  assert.equal(await out.blob?.text(), '1,a\n2,b\n');
  await h.db.query("COPY t FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new BytesBlob(new TextEncoder().encode('3,c\n')) });
  assert.deepEqual((await h.db.query('SELECT a FROM t ORDER BY a')).rows, [{ a: 1 }, { a: 2 }, { a: 3 }]);
});

test('the faster device is installed once per instance, and not on an object that is not PGlite', () => {
  assert.equal(installFastBlobDevice({}), false);
  assert.equal(installFastBlobDevice(plain.raw), true);
});

test('BytesBlob reads like a Blob', async () => {
  const b = new BytesBlob(new TextEncoder().encode('héllo'), 'text/csv');
  assert.equal(b.size, 6);
  assert.equal(b.type, 'text/csv');
  assert.equal(await b.text(), 'héllo');
  assert.equal(await b.slice(1, 3).text(), 'é');
  assert.deepEqual([...(await b.bytes())], [...new TextEncoder().encode('héllo')]);
  assert.equal(await new Response(b.stream()).text(), 'héllo');
  assert.equal((await b.arrayBuffer()).byteLength, 6);
});
