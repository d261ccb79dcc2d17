/**
 * The working directory a dbt command runs in (the task's: namespace files,
 * inputFiles, profiles.yml; dbt writes target/, dbt_packages/ and logs/ there).
 * Paths are relative, `/`-separated. The shell's ShellFs satisfies it.
 */
export interface DbtFs {
  read(path: string): Uint8Array | undefined;
  /** Writes a file, creating its parent directories. */
  put(path: string, data: Uint8Array): void;
  /** Every file path. */
  allFiles(): string[];
  /** Removes a file or, with `recursive`, a directory. */
  remove(path: string, recursive: boolean): void;
  exists(path: string): boolean;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function readText(fs: DbtFs, path: string): string | null {
  const data = fs.read(path);
  return data ? decoder.decode(data) : null;
}

export function writeText(fs: DbtFs, path: string, text: string): void {
  fs.put(path, encoder.encode(text));
}

/** `a/b` + `../c` style joins, normalised, never above the root. */
export function joinPath(...parts: string[]): string {
  const out: string[] = [];
  for (const seg of parts.join('/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** Files under `dir` (relative to the root), recursively, sorted. */
export function filesUnder(fs: DbtFs, dir: string): string[] {
  const prefix = dir ? dir.replace(/\/+$/, '') + '/' : '';
  return fs
    .allFiles()
    .filter((f) => !f.startsWith('/') && f.startsWith(prefix))
    .sort();
}
