import { createStore, del, entries, set } from 'idb-keyval';
import { MemoryNamespaceFiles, namespaceFilePath } from '../engine/storage/NamespaceFiles';

const SEP = '\u0000';

/**
 * Namespace files in the browser: kept in IndexedDB (one entry per file, so
 * two tabs editing different files never overwrite each other), read into
 * memory the first time, for `read()` in templates, which renders synchronously.
 */
export class PersistentNamespaceFiles extends MemoryNamespaceFiles {
  private readonly store = createStore('kestra-playground-namespace-files', 'files');
  private loaded: Promise<void> | null = null;

  /** Reads IndexedDB into memory (once; `refresh` to see another tab's changes). */
  load(refresh = false): Promise<void> {
    if (refresh || !this.loaded) {
      this.loaded = (async () => {
        try {
          const all = await entries<string, Uint8Array>(this.store);
          this.files.clear();
          for (const [k, v] of all) {
            const [ns, path] = String(k).split(SEP);
            if (path === undefined) continue;
            let m = this.files.get(ns);
            if (!m) this.files.set(ns, (m = new Map()));
            m.set(path, v);
          }
        } catch {
          /* IndexedDB unavailable: files live in memory for this page */
        }
      })();
    }
    return this.loaded;
  }

  override async list(namespace: string): Promise<string[]> {
    await this.load();
    return super.list(namespace);
  }

  override async read(namespace: string, path: string): Promise<Uint8Array | null> {
    await this.load();
    return super.read(namespace, path);
  }

  override async write(namespace: string, path: string, data: Uint8Array): Promise<void> {
    await this.load();
    await super.write(namespace, path, data);
    await set(`${namespace}${SEP}${namespaceFilePath(path)}`, data, this.store).catch(() => undefined);
  }

  override async delete(namespace: string, path: string): Promise<boolean> {
    await this.load();
    const had = await super.delete(namespace, path);
    await del(`${namespace}${SEP}${namespaceFilePath(path)}`, this.store).catch(() => undefined);
    return had;
  }
}
