/** One shipped copy of a course data file. */
export interface DataFileInfo {
  /** Path relative to the site's data/ folder. */
  path: string;
  /** Data rows (header excluded). */
  rows: number;
  /** Size in bytes as shipped (gzip for .csv.gz). */
  bytes: number;
}

/** public/data/manifest.json: every shipped file, with a sample and, where we have one, a full month. */
export interface DataManifest {
  files: Record<string, { sample: DataFileInfo; full?: DataFileInfo }>;
}

export type Dataset = 'sample' | 'full';
