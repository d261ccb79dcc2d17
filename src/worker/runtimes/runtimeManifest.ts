/**
 * What scripts/copyRuntimes.ts writes next to the runtime files it copies
 * into public/ (pyodide/runtime.json, duckdb/runtime.json): versions, the
 * bytes a browser downloads, and, for Pyodide, which package wheels are
 * shipped (none from the npm package).
 */
export interface RuntimeManifest {
  name: 'pyodide' | 'duckdb-wasm';
  version: string;
  /** File name → size in bytes, for the files a browser fetches to start the runtime. */
  files: Record<string, number>;
  /** Pyodide: normalized names of the packages whose wheels were copied. */
  packages?: string[];
}

/** Reads <dir>/runtime.json of the site. */
export async function readRuntimeManifest(dirUrl: string): Promise<RuntimeManifest> {
  const res = await fetch(new URL('runtime.json', dirUrl));
  if (!res.ok) throw new Error(`cannot load ${dirUrl}runtime.json (HTTP ${res.status}); was scripts/copyRuntimes.ts run before the build?`);
  return (await res.json()) as RuntimeManifest;
}

export const totalBytes = (m: RuntimeManifest) => Object.values(m.files).reduce((a, b) => a + b, 0);
