/** Writing past a working directory's size limit. */
export class NoSpaceLeft extends Error {
  constructor(path: string, wanted: number, limit: number) {
    super(`${path}: No space left on device: the task's working directory would hold ${mib(wanted)}, over its limit of ${mib(limit)} (the playground keeps files in memory)`);
    this.name = 'NoSpaceLeft';
  }
}

const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;

/** A task's working directory, in memory: files by path relative to it, at most `maxBytes` in all. */
export class ShellFs {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(['']);
  private used = 0;

  constructor(readonly maxBytes = Infinity) {}

  /** Bytes the files hold now. */
  get bytes(): number {
    return this.used;
  }

  /** Bytes that can still be written. */
  get remaining(): number {
    return this.maxBytes - this.used;
  }

  /** Sets a file's bytes, keeping the total within maxBytes. */
  private store(p: string, data: Uint8Array): void {
    const next = this.used - (this.files.get(p)?.byteLength ?? 0) + data.byteLength;
    if (next > this.maxBytes) throw new NoSpaceLeft(p, next, this.maxBytes);
    this.files.set(p, data);
    this.used = next;
  }

  /** Normalises `./a/../b` style paths; `/x` stays absolute (as `/x`). */
  static normalize(path: string): string {
    const abs = path.startsWith('/');
    const out: string[] = [];
    for (const seg of path.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') out.pop();
      else out.push(seg);
    }
    return (abs ? '/' : '') + out.join('/');
  }

  private parent(path: string): string {
    const i = path.lastIndexOf('/');
    return i <= 0 ? (i === 0 ? '/' : '') : path.slice(0, i);
  }

  isDir(path: string): boolean {
    const p = ShellFs.normalize(path);
    return this.dirs.has(p) || p === '/' || [...this.files.keys(), ...this.dirs].some((k) => k.startsWith(p + '/'));
  }

  exists(path: string): boolean {
    return this.files.has(ShellFs.normalize(path)) || this.isDir(path);
  }

  read(path: string): Uint8Array | undefined {
    return this.files.get(ShellFs.normalize(path));
  }

  write(path: string, data: Uint8Array): void {
    const p = ShellFs.normalize(path);
    const dir = this.parent(p);
    if (dir && dir !== '/' && !this.isDir(dir)) throw new Error(`${path}: No such file or directory`);
    if (this.isDir(p) && p !== '') throw new Error(`${path}: Is a directory`);
    this.store(p, data);
  }

  /** Writes a file, creating its parent directories (inputFiles, namespace files). */
  put(path: string, data: Uint8Array): void {
    const p = ShellFs.normalize(path);
    let d = this.parent(p);
    while (d && d !== '/') {
      this.dirs.add(d);
      d = this.parent(d);
    }
    this.store(p, data);
  }

  mkdir(path: string, parents: boolean): void {
    const p = ShellFs.normalize(path);
    if (this.files.has(p)) throw new Error(`cannot create directory '${path}': File exists`);
    if (this.isDir(p)) {
      if (!parents) throw new Error(`cannot create directory '${path}': File exists`);
      return;
    }
    const dir = this.parent(p);
    if (dir && dir !== '/' && !this.isDir(dir)) {
      if (!parents) throw new Error(`cannot create directory '${path}': No such file or directory`);
      this.mkdir(dir, true);
    }
    this.dirs.add(p);
  }

  remove(path: string, recursive: boolean): void {
    const p = ShellFs.normalize(path);
    const file = this.files.get(p);
    if (file) {
      this.files.delete(p);
      this.used -= file.byteLength;
      return;
    }
    if (!this.isDir(p)) throw new Error(`cannot remove '${path}': No such file or directory`);
    if (!recursive) throw new Error(`cannot remove '${path}': Is a directory`);
    for (const [k, f] of [...this.files]) {
      if (!k.startsWith(p + '/')) continue;
      this.files.delete(k);
      this.used -= f.byteLength;
    }
    for (const k of [...this.dirs]) if (k === p || k.startsWith(p + '/')) this.dirs.delete(k);
  }

  /** Entries directly inside a directory (names only), sorted. */
  list(path: string): string[] {
    const p = ShellFs.normalize(path);
    const prefix = p ? p + '/' : '';
    const names = new Set<string>();
    for (const k of [...this.files.keys(), ...this.dirs]) {
      if (k && k.startsWith(prefix) && k !== p) names.add(k.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }

  /** Every file path, relative to the working directory. */
  allFiles(): string[] {
    return [...this.files.keys()].filter((k) => !k.startsWith('/')).sort();
  }
}
