/** The part of pyodide-lock.json we read. */
export interface PyodideLock {
  packages: Record<string, { name: string; file_name: string; imports?: string[] }>;
}

/**
 * Which Pyodide packages exist (the lock file lists every package Pyodide
 * builds) and which of them this host can load (their wheel is shipped next
 * to the interpreter). The npm package ships none; a host may add some.
 */
export function pyodidePackages(lock: PyodideLock, shipped: (fileName: string) => boolean): { known: Set<string>; shipped: Set<string> } {
  const known = new Set<string>();
  const available = new Set<string>();
  for (const [key, p] of Object.entries(lock.packages)) {
    known.add(normalizePackageName(key));
    if (shipped(p.file_name)) available.add(normalizePackageName(key));
  }
  return { known, shipped: available };
}

/** PEP 503: `Foo_Bar.baz` and `foo-bar-baz` are the same package. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
