import Papa from 'papaparse';

/** What a file preview shows: a table for CSV/TSV, otherwise the start of the text. */
export type FilePreviewData =
  | { kind: 'empty' }
  | { kind: 'table'; header: string[]; rows: string[][]; totalRows: number; approximate: boolean }
  | { kind: 'text'; text: string; truncated: boolean; shownBytes: number };

export const PREVIEW_ROWS = 100;
export const PREVIEW_TEXT_BYTES = 64 * 1024;
/** Files up to this size are parsed in full to count their rows; bigger ones count line breaks. */
const EXACT_COUNT_BYTES = 8 * 1024 * 1024;
/** How much of a CSV file is decoded to find the first rows. */
const TABLE_SLICE_BYTES = 1024 * 1024;

function isTable(name: string): '\t' | ',' | null {
  if (/\.tsv$/i.test(name)) return '\t';
  if (/\.csv$/i.test(name)) return ',';
  return null;
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
  if (bytes.length && bytes[bytes.length - 1] !== 10) n++;
  return n;
}

/**
 * Decodes a stored file (UTF-8) for the Outputs preview: CSV/TSV files give a
 * header, the first 100 data rows and the total data-row count; anything else
 * gives its first 64 KB of text.
 */
export function previewFile(bytes: Uint8Array, name: string): FilePreviewData {
  if (bytes.length === 0) return { kind: 'empty' };
  const decoder = new TextDecoder('utf-8');
  const delimiter = isTable(name);
  if (delimiter) {
    const sliced = bytes.length > TABLE_SLICE_BYTES;
    let text = decoder.decode(sliced ? bytes.subarray(0, TABLE_SLICE_BYTES) : bytes);
    if (sliced) text = text.slice(0, text.lastIndexOf('\n') + 1);
    const head = Papa.parse<string[]>(text, { delimiter, preview: PREVIEW_ROWS + 1, skipEmptyLines: 'greedy' });
    const [header = [], ...rows] = head.data;
    let total: number;
    let approximate = false;
    if (bytes.length <= EXACT_COUNT_BYTES) {
      total = 0;
      Papa.parse<string[]>(sliced ? decoder.decode(bytes) : text, { delimiter, skipEmptyLines: 'greedy', step: () => void total++ });
      total = Math.max(total - 1, 0);
    } else {
      total = Math.max(countLines(bytes) - 1, 0);
      approximate = true;
    }
    return { kind: 'table', header, rows, totalRows: total, approximate };
  }
  const truncated = bytes.length > PREVIEW_TEXT_BYTES;
  const shown = truncated ? bytes.subarray(0, PREVIEW_TEXT_BYTES) : bytes;
  return { kind: 'text', text: decoder.decode(shown), truncated, shownBytes: shown.length };
}
