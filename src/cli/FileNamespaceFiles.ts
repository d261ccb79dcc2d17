import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { MemoryNamespaceFiles, namespaceFilePath } from '../engine/storage/NamespaceFiles';

/** A namespace name as a folder name (`zoomcamp.dev` stays readable, anything odd is escaped). */
const folderOf = (namespace: string) => namespace.replace(/[^A-Za-z0-9_.-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
const namespaceOf = (folder: string) => folder.replace(/%([0-9a-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Kestra's namespace files for the command line: kept under
 * `<--db dir>/namespace-files/<namespace>/<path>`, so a synced dbt project
 * is still there for the next run (as in Kestra); read into memory at start.
 */
export class FileNamespaceFiles extends MemoryNamespaceFiles {
  private readonly root: string;

  constructor(dbDir: string) {
    super();
    this.root = join(dbDir, 'namespace-files');
    if (!existsSync(this.root)) return;
    for (const nsFolder of readdirSync(this.root)) {
      const base = join(this.root, nsFolder);
      if (!statSync(base).isDirectory()) continue;
      const ns = new Map<string, Uint8Array>();
      for (const file of walk(base)) ns.set(relative(base, file).split(sep).join('/'), new Uint8Array(readFileSync(file)));
      this.files.set(namespaceOf(nsFolder), ns);
    }
  }

  private pathOf(namespace: string, path: string): string {
    return join(this.root, folderOf(namespace), ...namespaceFilePath(path).split('/'));
  }

  async write(namespace: string, path: string, data: Uint8Array): Promise<void> {
    await super.write(namespace, path, data);
    const file = this.pathOf(namespace, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }

  async delete(namespace: string, path: string): Promise<boolean> {
    const existed = await super.delete(namespace, path);
    if (existed) rmSync(this.pathOf(namespace, path), { force: true });
    return existed;
  }
}
