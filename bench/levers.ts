/** What the benchmark turns on and off (all on is what the engine does). */
export interface Levers {
  /** MEMFS files grow by doubling (growMemfsByDoubling.ts). */
  memfsDoubling: boolean;
  /** /dev/blob read with TypedArray.set, COPY data handed over as a BytesBlob (fastBlobDevice.ts). */
  fastBlobDevice: boolean;
  /** CopyIn's binary COPY (binaryCopy/copyCsvAsBinary.ts) instead of PostgreSQL's text parsing. */
  binaryCopy: boolean;
  /** The data directory made without data checksums (PostgreSQL 18's initdb turns them on). */
  noChecksums: boolean;
}

export type BrowserStore = 'memory' | 'idb' | 'opfs';

export const ALL_ON: Levers = { memfsDoubling: true, fastBlobDevice: true, binaryCopy: true, noChecksums: true };
export const ALL_OFF: Levers = { memfsDoubling: false, fastBlobDevice: false, binaryCopy: false, noChecksums: false };

export const LEVER_NAMES: Record<keyof Levers, string> = {
  memfsDoubling: 'MEMFS growth by doubling',
  fastBlobDevice: 'fast /dev/blob',
  binaryCopy: 'binary COPY',
  noChecksums: 'no data checksums',
};

/** The order the levers are added in for the cumulative rows. */
export const LEVER_ORDER: (keyof Levers)[] = ['memfsDoubling', 'fastBlobDevice', 'binaryCopy', 'noChecksums'];
