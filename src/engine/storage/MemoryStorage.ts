import { StorageFileNotFound, type InternalStorage } from './InternalStorage';

/** Internal storage kept in memory (Node, tests; the browser wraps it with IndexedDB persistence). */
export class MemoryStorage implements InternalStorage {
  private readonly files = new Map<string, Uint8Array>();

  async put(uri: string, data: Uint8Array): Promise<void> {
    this.files.set(uri, data);
  }
  async get(uri: string): Promise<Uint8Array> {
    const f = this.files.get(uri);
    if (!f) throw new StorageFileNotFound(uri);
    return f;
  }
  peek(uri: string): Uint8Array | undefined {
    return this.files.get(uri);
  }
  async size(uri: string): Promise<number | null> {
    return this.files.get(uri)?.byteLength ?? null;
  }
  async delete(uri: string): Promise<boolean> {
    return this.files.delete(uri);
  }
  async list(prefix: string): Promise<string[]> {
    return [...this.files.keys()].filter((k) => k.startsWith(prefix));
  }
}
