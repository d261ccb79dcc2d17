import { formatCell } from './formatCell';

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF; quotes are doubled. */
export function csvField(value: unknown): string {
  const text = formatCell(value) ?? '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A result as RFC 4180 CSV: a header row of column names, then one line per
 * row, CRLF line ends. SQL NULL becomes an empty field.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((_, i) => csvField(row[i])).join(','));
  return lines.join('\r\n') + '\r\n';
}
