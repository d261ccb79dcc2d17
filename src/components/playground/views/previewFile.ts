import Papa from 'papaparse';
import { parseIonText } from './parseIonText';

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

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Rows of plain objects as a table: every key seen, in order of first appearance. */
function objectTable(values: unknown[], total: number): FilePreviewData | null {
  if (!values.length || !values.every((v) => v && typeof v === 'object' && !Array.isArray(v))) return null;
  const header: string[] = [];
  for (const v of values) for (const k of Object.keys(v as object)) if (!header.includes(k)) header.push(k);
  const rows = values.slice(0, PREVIEW_ROWS).map((v) => header.map((k) => cell((v as Record<string, unknown>)[k])));
  return { kind: 'table', header, rows, totalRows: total, approximate: false };
}

/**
 * Decodes a stored file (UTF-8) for the Outputs preview: CSV/TSV files give a
 * header, the first 100 data rows and the total data-row count; Ion (what a
 * STORE query writes) and JSON lists of objects give a table too; anything
 * else gives its first 64 KB of text.
 */
export function previewFile(bytes: Uint8Array, name: string): FilePreviewData {
  if (bytes.length === 0) return { kind: 'empty' };
  const decoder = new TextDecoder('utf-8');
  if (/\.(ion|json)$/i.test(name) && bytes.length <= EXACT_COUNT_BYTES) {
    try {
      const text = decoder.decode(bytes);
      const values = /\.ion$/i.test(name) ? parseIonText(text) : ((parsed) => (Array.isArray(parsed) ? parsed : [parsed]))(JSON.parse(text) as unknown);
      const table = objectTable(values, values.length);
      if (table) return table;
      if (/\.json$/i.test(name)) {
        const pretty = JSON.stringify(values.length === 1 ? values[0] : values, null, 2);
        const truncated = pretty.length > PREVIEW_TEXT_BYTES;
        return { kind: 'text', text: truncated ? pretty.slice(0, PREVIEW_TEXT_BYTES) : pretty, truncated, shownBytes: Math.min(pretty.length, PREVIEW_TEXT_BYTES) };
      }
    } catch {
      /* not what its name says: shown as text below */
    }
  }
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
