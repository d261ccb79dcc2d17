import type { InternalStorage } from '../storage/InternalStorage';
import { formatBytes } from './ExecutionLimits';

/** Writing past an execution's internal-storage limit. */
export class StorageLimitExceeded extends Error {
  constructor(uri: string, wanted: number, limit: number) {
    super(`Cannot store ${uri}: this execution's files would take ${formatBytes(wanted)} of internal storage, over its limit of ${formatBytes(limit)}`);
    this.name = 'StorageLimitExceeded';
  }
}

/** The storage as one execution sees it: what it writes counts against `maxBytes` (a file written again counts once). */
export function limitedStorage(inner: InternalStorage, maxBytes: number): InternalStorage {
  const sizes = new Map<string, number>();
  let used = 0;
  const limited: InternalStorage = {
    async put(uri, data) {
      const next = used - (sizes.get(uri) ?? 0) + data.byteLength;
      if (next > maxBytes) throw new StorageLimitExceeded(uri, next, maxBytes);
      await inner.put(uri, data);
      sizes.set(uri, data.byteLength);
      used = next;
    },
    get: (uri) => inner.get(uri),
    size: (uri) => inner.size(uri),
    async delete(uri) {
      const done = await inner.delete(uri);
      if (done && sizes.has(uri)) {
        used -= sizes.get(uri)!;
        sizes.delete(uri);
      }
      return done;
    },
    list: (prefix) => inner.list(prefix),
  };
  if (inner.peek) limited.peek = (uri) => inner.peek!(uri);
  return limited;
}
