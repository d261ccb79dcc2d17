/**
 * Kestra's namespace files: a per-namespace tree of files (a dbt project, SQL
 * scripts, Python modules) that flows of the namespace read, that
 * `git.SyncNamespaceFiles` fills and that script tasks with
 * `namespaceFiles: {enabled: true}` get in their working directory. Paths are
 * relative, `/`-separated, without a leading slash (`models/staging/x.sql`).
 * Kept in memory here, in IndexedDB in the browser, and under the `--db`
 * directory on the command line.
 */
export interface NamespaceFiles {
  /** Every file path of the namespace, sorted. */
  list(namespace: string): Promise<string[]>;
  /** The file's bytes, or null when it does not exist. */
  read(namespace: string, path: string): Promise<Uint8Array | null>;
  write(namespace: string, path: string, data: Uint8Array): Promise<void>;
  /** True when the file existed. */
  delete(namespace: string, path: string): Promise<boolean>;
  /** The bytes without waiting, for `read()` in templates (which render synchronously); undefined when not at hand. */
  peek(namespace: string, path: string): Uint8Array | undefined;
}

/** A namespace file path, normalised: `./a//b.sql` → `a/b.sql`; `..` and absolute paths are refused. */
export function namespaceFilePath(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  if (parts.some((p) => p === '..')) throw new Error(`Namespace file path \`${path}\` may not contain \`..\``);
  if (!parts.length) throw new Error('A namespace file path may not be empty');
  return parts.join('/');
}

export class MemoryNamespaceFiles implements NamespaceFiles {
  protected readonly files = new Map<string, Map<string, Uint8Array>>();

  private ns(namespace: string): Map<string, Uint8Array> {
    let m = this.files.get(namespace);
    if (!m) {
      m = new Map();
      this.files.set(namespace, m);
    }
    return m;
  }

  async list(namespace: string): Promise<string[]> {
    return [...(this.files.get(namespace)?.keys() ?? [])].sort();
  }
  async read(namespace: string, path: string): Promise<Uint8Array | null> {
    return this.files.get(namespace)?.get(namespaceFilePath(path)) ?? null;
  }
  async write(namespace: string, path: string, data: Uint8Array): Promise<void> {
    this.ns(namespace).set(namespaceFilePath(path), data);
  }
  async delete(namespace: string, path: string): Promise<boolean> {
    return this.files.get(namespace)?.delete(namespaceFilePath(path)) ?? false;
  }
  peek(namespace: string, path: string): Uint8Array | undefined {
    try {
      return this.files.get(namespace)?.get(namespaceFilePath(path));
    } catch {
      return undefined;
    }
  }
}
