/**
 * The MEMFS growth patch (src/engine/postgres/growMemfsByDoubling.ts) on a
 * real PGlite: a growing file is copied a few times in all (its capacity
 * doubles, then past 1 MiB it grows in place in a resizable buffer), whether
 * it is extended by writes past the end or by ftruncate (what PostgreSQL's
 * posix_fallocate becomes in Emscripten); its bytes stay what was written,
 * the gaps read as zeros, and what IndexedDB persistence is given is exactly
 * the file. An unpatched instance shows the quadratic behaviour the patch
 * removes (README, "Known PGlite issues").
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPGlite } from '../../src/engine/postgres/openPGlite';
import type { SqlDatabaseHandle } from '../../src/engine/postgres/SqlDatabaseHandle';
import { memfsOf } from '../../src/engine/postgres/growMemfsByDoubling';

interface Node {
  contents: Uint8Array;
  usedBytes: number;
}
interface FS {
  open(path: string, flags: string): { node: Node };
  write(stream: unknown, buffer: Uint8Array, offset: number, length: number, position: number): number;
  ftruncate(fd: number, len: number): void;
  truncate(path: string, len: number): void;
  close(stream: unknown): void;
  readFile(path: string): Uint8Array;
  unlink(path: string): void;
  lookupPath(path: string): { node: Node };
}
const fsOf = (h: SqlDatabaseHandle) => (h.raw as { Module: { FS: FS } }).Module.FS;

let patched: SqlDatabaseHandle;
let unpatched: SqlDatabaseHandle;
before(async () => {
  patched = await openPGlite();
  unpatched = await openPGlite({ memfsDoubling: false });
});
after(async () => {
  await patched.close();
  await unpatched.close();
});

/** Grows a file to `blocks` × 8 KiB one block at a time (by write, or by ftruncate as posix_fallocate does); how many times its bytes were copied to a new buffer. */
function grow(fs: FS, path: string, blocks: number, how: 'write' | 'ftruncate'): { reallocations: number; node: Node } {
  const stream = fs.open(path, 'w+') as { node: Node; fd: number };
  const block = new Uint8Array(8192);
  let reallocations = 0;
  let last = stream.node.contents.buffer;
  for (let k = 0; k < blocks; k++) {
    if (how === 'write') {
      block.fill((k % 250) + 1);
      fs.write(stream, block, 0, block.length, k * block.length);
    } else fs.ftruncate(stream.fd, (k + 1) * block.length);
    if (stream.node.contents.buffer !== last) {
      reallocations++;
      last = stream.node.contents.buffer;
    }
  }
  fs.close(stream);
  return { reallocations, node: stream.node };
}

test('openPGlite grows MEMFS files without copying them on every extension: 16 MiB in 8 KiB steps copies the file a dozen times, not two thousand', () => {
  assert.equal(memfsOf(patched.raw)?.growsByDoubling, true);
  const fs = fsOf(patched);
  for (const how of ['write', 'ftruncate'] as const) {
    const { reallocations, node } = grow(fs, `/tmp/grow-${how}`, 2048, how);
    assert.equal(node.usedBytes, 2048 * 8192);
    // doubling up to 1 MiB (8 KiB, 16 KiB … 1 MiB), then one move to a resizable buffer that grows in place
    assert.ok(reallocations <= 9, `${how}: ${reallocations} reallocations`);
    assert.equal((node.contents.buffer as ArrayBuffer & { resizable?: boolean }).resizable, true, `${how}: a large file lives in a resizable buffer`);
    assert.ok(node.contents.length - node.usedBytes <= 1 << 20, `${how}: at most 1 MiB of spare capacity (${node.contents.length - node.usedBytes})`);
    fs.unlink(`/tmp/grow-${how}`);
  }
  // without the patch, every ftruncate copies the whole file
  const before = grow(fsOf(unpatched), '/tmp/grow-unpatched', 2048, 'ftruncate');
  assert.ok(before.reallocations >= 2000, `unpatched: ${before.reallocations} reallocations`);
});

test('with the patch a file reads back what was written, and zeros where nothing was', () => {
  const fs = fsOf(patched);
  const { node } = grow(fs, '/tmp/content', 300, 'write');
  const bytes = fs.readFile('/tmp/content');
  assert.equal(bytes.length, 300 * 8192);
  for (const k of [0, 1, 149, 299]) assert.equal(bytes[k * 8192 + 17], (k % 250) + 1, `block ${k}`);
  // shrink, then grow again by ftruncate: the cut part comes back as zeros
  fs.truncate('/tmp/content', 8192 + 10);
  assert.equal(fs.readFile('/tmp/content').length, 8192 + 10);
  fs.truncate('/tmp/content', 3 * 8192);
  const regrown = fs.readFile('/tmp/content');
  assert.equal(regrown[8192 + 9], 2);
  assert.ok(regrown.subarray(8192 + 10).every((b) => b === 0), 'bytes past the cut are zero');
  // a write past the end leaves a gap of zeros
  const stream = fs.open('/tmp/content', 'r+');
  fs.write(stream, new Uint8Array([7, 7]), 0, 2, 10 * 8192);
  fs.close(stream);
  const gapped = fs.readFile('/tmp/content');
  assert.equal(gapped.length, 10 * 8192 + 2);
  assert.ok(gapped.subarray(3 * 8192, 10 * 8192).every((b) => b === 0), 'the gap is zero');
  assert.deepEqual([...gapped.subarray(10 * 8192)], [7, 7]);
  // what IndexedDB persistence stores is exactly the file, in a plain buffer of its size
  const memfs = memfsOf(patched.raw)!;
  const node2 = fs.lookupPath('/tmp/content').node;
  const stored = memfs.getFileDataAsTypedArray(node2);
  assert.equal(stored.length, node2.usedBytes);
  assert.equal(stored.buffer.byteLength, node2.usedBytes);
  assert.notEqual((stored.buffer as ArrayBuffer & { resizable?: boolean }).resizable, true);
  // cutting a file to a small part of its capacity gives the memory back
  fs.truncate('/tmp/content', 100);
  assert.ok(fs.lookupPath('/tmp/content').node.contents.length < 8192, 'capacity shrinks with the file');
  assert.ok(node.usedBytes === 100);
  fs.unlink('/tmp/content');
});

test('PostgreSQL works on the patched file system: a table grown, updated, vacuumed and read back', async () => {
  const db = patched.db;
  await db.exec('CREATE TABLE g (id int, pad text); INSERT INTO g SELECT i, repeat(md5(i::text), 4) FROM generate_series(1, 50000) i;');
  await db.exec("UPDATE g SET pad = pad || 'x' WHERE id % 3 = 0; DELETE FROM g WHERE id % 5 = 0;");
  await db.exec('VACUUM FULL g');
  await db.exec('CHECKPOINT');
  let len = 0;
  for (let id = 1; id <= 50000; id++) if (id % 5 !== 0) len += 128 + (id % 3 === 0 ? 1 : 0);
  const r = await db.query('SELECT count(*)::int AS n, sum(length(pad))::int AS len FROM g');
  assert.deepEqual(r.rows[0], { n: 40000, len });
});

test('a database made here has no data checksums (initdb --no-data-checksums)', async () => {
  assert.equal((await patched.db.query('SHOW data_checksums')).rows[0].data_checksums, 'off');
});
