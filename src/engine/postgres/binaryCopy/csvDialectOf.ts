import { copyOptionText, type CopyOptions } from '../buildCopySql';

/** How a CSV COPY splits its data, as bytes. */
export interface CsvDialect {
  delimiter: number;
  quote: number;
  escape: number;
  nullString: Uint8Array;
  header: boolean;
}

const isPunctuation = (c: number) => (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);

function oneByte(value: string | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  const text = copyOptionText(value);
  return text.length === 1 && text.charCodeAt(0) < 0x80 ? text.charCodeAt(0) : null;
}

/**
 * The CSV dialect of a COPY's options when the engine can read the data
 * exactly as PostgreSQL would, else why not. Only settings PostgreSQL
 * accepts for COPY FROM … CSV are taken (one-byte ASCII punctuation, tab or
 * space for the delimiter, punctuation for quote and escape, a NULL string
 * of printable ASCII without the delimiter or quote): anything else, even if
 * PostgreSQL would accept it, goes the text way, where PostgreSQL checks it.
 */
export function csvDialectOf(o: CopyOptions): CsvDialect | string {
  if (o.format !== 'CSV') return `format ${o.format ?? 'TEXT'}`;
  if (o.oids) return 'oids';
  if (o.forceQuote?.length) return 'forceQuote (a COPY TO option)';
  if (o.encoding !== undefined && !/^utf-?8$/i.test(copyOptionText(o.encoding))) return `encoding ${o.encoding}`;
  const delimiter = oneByte(o.delimiter, 0x2c);
  const quote = oneByte(o.quote, 0x22);
  if (delimiter === null || !(isPunctuation(delimiter) || delimiter === 0x09 || delimiter === 0x20) || delimiter === 0x5c || delimiter === 0x2e) return `delimiter ${JSON.stringify(o.delimiter)}`;
  if (quote === null || !isPunctuation(quote) || quote === delimiter) return `quote ${JSON.stringify(o.quote)}`;
  const escape = oneByte(o.escape, quote);
  if (escape === null || !isPunctuation(escape) || escape === delimiter) return `escape ${JSON.stringify(o.escape)}`;
  const nullText = o.nullString === undefined ? '' : copyOptionText(o.nullString);
  for (let k = 0; k < nullText.length; k++) {
    const c = nullText.charCodeAt(k);
    if (c < 0x20 || c > 0x7e || c === delimiter || c === quote) return `nullString ${JSON.stringify(o.nullString)}`;
  }
  return { delimiter, quote, escape, nullString: new TextEncoder().encode(nullText), header: o.header === true };
}
