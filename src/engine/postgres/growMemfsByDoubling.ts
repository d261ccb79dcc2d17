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
 * This replaces both, on one PGlite instance's MEMFS, with growth by doubling
 * the capacity (the file's size stays what PostgreSQL asked for). Bytes past
 * a file's size are kept zero, as MEMFS's own code assumes: a file shrunk and
 * grown again, or written past its end, reads zeros in the gap.
 * See README, "Known PGlite issues".
 */
export interface MemfsNode {
  contents: Uint8Array;
  usedBytes: number;
}

export interface MemfsLike {
  expandFileStorage(node: MemfsNode, newCapacity: number): void;
  resizeFileStorage(node: MemfsNode, newSize: number): void;
  /** Set by this patch, so it is applied once. */
  growsByDoubling?: true;
}

/** Smallest capacity a file gets when it first grows (MEMFS's own minimum is 256 bytes). */
const MIN_CAPACITY = 256;

function reallocate(node: MemfsNode, capacity: number): void {
  const next = new Uint8Array(capacity);
  next.set(node.contents.subarray(0, node.usedBytes));
  node.contents = next;
}

export function growMemfsByDoubling(memfs: MemfsLike): void {
  if (memfs.growsByDoubling) return;
  memfs.expandFileStorage = (node, newCapacity) => {
    const capacity = node.contents.length;
    if (capacity >= newCapacity) return;
    reallocate(node, Math.max(newCapacity, capacity * 2, MIN_CAPACITY));
  };
  memfs.resizeFileStorage = (node, newSize) => {
    const used = node.usedBytes;
    if (used === newSize) return;
    if (newSize > used) {
      // the bytes from `used` to `newSize` are already zero (kept so below), or freshly allocated
      memfs.expandFileStorage(node, newSize);
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
  memfs.growsByDoubling = true;
}

/** PGlite's Emscripten module exposes its MEMFS object as `Module.MEMFS`. */
export function memfsOf(pglite: unknown): MemfsLike | undefined {
  const mod = (pglite as { Module?: { MEMFS?: MemfsLike } }).Module;
  const memfs = mod?.MEMFS;
  return memfs && typeof memfs.resizeFileStorage === 'function' && typeof memfs.expandFileStorage === 'function' ? memfs : undefined;
}
