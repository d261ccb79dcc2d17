/**
 * Emscripten's in-memory file system (MEMFS, which PGlite keeps its data
 * directory in, in memory and under IndexedDB) stores each file in one
 * Uint8Array. Two of its functions make appending to a file quadratic:
 *
 * - `resizeFileStorage` (ftruncate, and posix_fallocate, which Emscripten
 *   implements as ftruncate) allocates exactly the new size and copies the
 *   whole file, on every call. PostgreSQL 16+ extends tables and indexes with
 *   posix_fallocate, so every extension of a relation copies all of it.
 * - `expandFileStorage` (a write past the end) grows by 12.5% once a file is
 *   over 1 MiB, so a growing file is copied about every eighth of its size.
 *
 * This replaces both, on one PGlite instance's MEMFS. A file past 1 MiB moves
 * to a resizable ArrayBuffer (ES2024), which grows in place without copying
 * up to the address space it reserved (twice the file's size, at least 64 MiB;
 * past that it moves to a buffer reserving twice as much); smaller files, and
 * engines without resizable buffers, grow by doubling their capacity. Either way the file's size stays what PostgreSQL asked for, and
 * bytes past it are kept zero, as MEMFS's own code assumes (a file shrunk and
 * grown again, or written past its end, reads zeros in the gap).
 * `getFileDataAsTypedArray` (what IndexedDB persistence stores) returns
 * exactly the file's bytes, so spare capacity is never written to IndexedDB.
 * See README, "Known PGlite issues".
 */
export interface MemfsNode {
  contents: Uint8Array;
  usedBytes: number;
}

export interface MemfsLike {
  expandFileStorage(node: MemfsNode, newCapacity: number): void;
  resizeFileStorage(node: MemfsNode, newSize: number): void;
  getFileDataAsTypedArray(node: MemfsNode): Uint8Array;
  /** Set by this patch, so it is applied once. */
  growsByDoubling?: true;
}

/** Smallest capacity a file gets when it first grows (MEMFS's own minimum is 256 bytes). */
const MIN_CAPACITY = 256;
/** Files past this size live in a resizable buffer. */
const RESIZABLE_FROM = 1 << 20;
/** The largest file a resizable buffer holds: PostgreSQL splits relations into 1 GiB segment files. */
const RESIZABLE_MAX = (1 << 30) + (1 << 24);
/** A resizable buffer reserves (address space, not memory) twice the file's size, at least this much. */
const MIN_RESERVE = 1 << 26;
/** A resizable buffer grows by at least this much (each resize is a system call). */
const RESIZE_STEP = 1 << 20;

type Resizable = ArrayBuffer & { resizable: boolean; maxByteLength: number; resize(n: number): void };
const HAS_RESIZABLE = typeof (ArrayBuffer.prototype as Partial<Resizable>).resize === 'function';

/** The file's buffer when `contents` spans all of a resizable ArrayBuffer. */
function resizableOf(contents: Uint8Array): Resizable | null {
  const buffer = contents.buffer as Resizable;
  return buffer.resizable === true && contents.byteOffset === 0 && contents.length === buffer.byteLength ? buffer : null;
}

function grow(node: MemfsNode, newCapacity: number): void {
  const capacity = node.contents.length;
  if (capacity >= newCapacity) return;
  const target = Math.max(newCapacity, capacity * 2, MIN_CAPACITY);
  const buffer = resizableOf(node.contents);
  if (HAS_RESIZABLE && newCapacity <= RESIZABLE_MAX && (target >= RESIZABLE_FROM || buffer)) {
    const size = Math.min(RESIZABLE_MAX, Math.max(newCapacity, capacity + RESIZE_STEP));
    if (buffer && size <= buffer.maxByteLength) {
      buffer.resize(size); // in place; the new bytes are zero
      node.contents = new Uint8Array(buffer);
      return;
    }
    // a new reservation, twice the size: a file copied this way is copied a handful of times on its way to 1 GiB
    const reserve = Math.min(RESIZABLE_MAX, Math.max(MIN_RESERVE, 2 * size));
    const fresh = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(size, { maxByteLength: reserve });
    const next = new Uint8Array(fresh);
    next.set(node.contents.subarray(0, node.usedBytes));
    node.contents = next;
    return;
  }
  const next = new Uint8Array(target);
  next.set(node.contents.subarray(0, node.usedBytes));
  node.contents = next;
}

export function growMemfsByDoubling(memfs: MemfsLike): void {
  if (memfs.growsByDoubling) return;
  memfs.expandFileStorage = grow;
  memfs.resizeFileStorage = (node, newSize) => {
    const used = node.usedBytes;
    if (used === newSize) return;
    if (newSize > used) {
      // the bytes from `used` to `newSize` are already zero (kept so below), or freshly allocated
      grow(node, newSize);
    } else if (newSize <= node.contents.length / 4) {
      // a file cut to a small part of its capacity gives the memory back
      const next = new Uint8Array(newSize);
      next.set(node.contents.subarray(0, newSize));
      node.contents = next;
    } else {
      node.contents.fill(0, newSize, used);
    }
    node.usedBytes = newSize;
  };
  memfs.getFileDataAsTypedArray = (node) => {
    const c = node.contents;
    // IndexedDB stores the whole buffer of the view it is given: give it a plain one of the file's size
    return c.byteOffset === 0 && c.buffer.byteLength === node.usedBytes && !(c.buffer as Resizable).resizable ? c : c.slice(0, node.usedBytes);
  };
  memfs.growsByDoubling = true;
}

/** PGlite's Emscripten module exposes its MEMFS object as `Module.MEMFS`. */
export function memfsOf(pglite: unknown): MemfsLike | undefined {
  const mod = (pglite as { Module?: { MEMFS?: MemfsLike } }).Module;
  const memfs = mod?.MEMFS;
  return memfs && typeof memfs.resizeFileStorage === 'function' && typeof memfs.expandFileStorage === 'function' ? memfs : undefined;
}
