export interface CopyOptions {
  table?: string;
  /** For COPY TO: a query whose result is copied instead of a table. */
  query?: string;
  columns?: string[];
  format?: 'TEXT' | 'CSV' | 'BINARY';
  oids?: boolean;
  freeze?: boolean;
  delimiter?: string;
  nullString?: string;
  header?: boolean;
  quote?: string;
  escape?: string;
  forceQuote?: string[];
  forceNotNull?: string[];
  forceNull?: string[];
  encoding?: string;
}

/** The text an option stands for in the statement: a tab, or the two characters backslash-t (how Kestra's examples write one), are a tab. */
export function copyOptionText(s: string): string {
  return s === '\\t' ? '\t' : s;
}

/** A SQL string literal of an option's text (a tab as E'\t'). */
function literal(s: string): string {
  if (copyOptionText(s) === '\t') return "E'\\t'";
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * The COPY statement Kestra's AbstractCopy builds, option by option, with
 * `dest` being `FROM STDIN` / `TO STDOUT` (what the log shows) or PGlite's
 * `FROM '/dev/blob'` / `TO '/dev/blob'` (what runs).
 */
export function buildCopySql(o: CopyOptions, dest: string): string {
  const sql: string[] = ['COPY'];
  if (o.query === undefined) {
    if (!o.table) throw new Error('Missing required property `table`');
    sql.push(o.table);
    if (o.columns?.length) sql.push(`(${o.columns.join(', ')})`);
  } else {
    sql.push(`(${o.query.trim().replace(/;\s*$/, '')})`);
  }
  sql.push(dest);
  const options: string[] = [];
  const format = o.format ?? 'TEXT';
  if (format !== 'TEXT') options.push(`FORMAT ${format}`);
  if (o.oids) options.push('OIDS');
  if (o.freeze) options.push('FREEZE');
  if (o.delimiter !== undefined) options.push(`DELIMITER ${literal(o.delimiter)}`);
  if (o.nullString !== undefined) options.push(`NULL ${literal(o.nullString)}`);
  if (o.header !== undefined) options.push(`HEADER ${o.header ? 'TRUE' : 'FALSE'}`);
  if (o.quote !== undefined) options.push(`QUOTE ${literal(o.quote)}`);
  if (o.escape !== undefined) options.push(`ESCAPE ${literal(o.escape)}`);
  if (o.forceQuote?.length) options.push(`FORCE_QUOTE ${o.forceQuote.length === 1 && o.forceQuote[0] === '*' ? '*' : `(${o.forceQuote.join(', ')})`}`);
  if (o.forceNotNull?.length) options.push(`FORCE_NOT_NULL (${o.forceNotNull.join(', ')})`);
  if (o.forceNull?.length) options.push(`FORCE_NULL (${o.forceNull.join(', ')})`);
  if (o.encoding !== undefined) options.push(`ENCODING ${literal(o.encoding)}`);
  if (options.length) sql.push(`WITH (${options.join(', ')})`);
  return sql.join(' ');
}
