import { createStore, del, get, keys, set } from 'idb-keyval';
import { StorageFileNotFound, type InternalStorage } from '../engine/storage/InternalStorage';

/**
 * Internal storage for the browser: files are kept in memory for the running
 * page and written to IndexedDB in the background, so the Outputs tab can
 * still preview (and download) a file after a reload. Purged files leave both.
 */
export class PersistentStorage implements InternalStorage {
  private readonly memory = new Map<string, Uint8Array>();
  private readonly store = createStore('kestra-playground-storage', 'files');
  private pending: Promise<unknown> = Promise.resolve();

  private background(work: () => Promise<unknown>): void {
    this.pending = this.pending.then(work).catch(() => undefined); // IndexedDB unavailable or full: memory still works
  }

  async put(uri: string, data: Uint8Array): Promise<void> {
    this.memory.set(uri, data);
    this.background(() => set(uri, data, this.store));
  }

  async get(uri: string): Promise<Uint8Array> {
    const inMemory = this.memory.get(uri);
    if (inMemory) return inMemory;
    await this.pending;
    const stored = (await get(uri, this.store).catch(() => undefined)) as Uint8Array | undefined;
    if (!stored) throw new StorageFileNotFound(uri);
    this.memory.set(uri, stored);
    return stored;
  }

  peek(uri: string): Uint8Array | undefined {
    return this.memory.get(uri);
  }

  async size(uri: string): Promise<number | null> {
    try {
      return (await this.get(uri)).byteLength;
    } catch {
      return null;
    }
  }

  async delete(uri: string): Promise<boolean> {
    const had = this.memory.delete(uri);
    await this.pending;
    const stored = (await get(uri, this.store).catch(() => undefined)) !== undefined;
    if (stored) await del(uri, this.store).catch(() => undefined);
    return had || stored;
  }

  async list(prefix: string): Promise<string[]> {
    await this.pending;
    const stored = ((await keys(this.store).catch(() => [])) as IDBValidKey[]).map(String);
    return [...new Set([...this.memory.keys(), ...stored])].filter((k) => k.startsWith(prefix));
  }
}
