import type { DataManifest, Dataset } from './DataManifest';

/**
 * Which shipped file serves a course file name: the full month when asked
 * for and shipped, else the sample; null when the playground does not ship it.
 */
export function resolveDataPath(name: string, dataset: Dataset, manifest: DataManifest): { path: string; rows: number; full: boolean } | null {
  const entry = manifest.files[name];
  if (!entry) return null;
  if (dataset === 'full' && entry.full) return { path: entry.full.path, rows: entry.full.rows, full: true };
  return { path: entry.sample.path, rows: entry.sample.rows, full: false };
}
