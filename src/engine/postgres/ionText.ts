/**
 * Writes one row as a line of Ion text, the format Kestra's STORE fetch type
 * writes (`.ion` files, one value per line). For plain rows Ion text is
 * close to JSON: field names are symbols (quoted when they are not plain
 * identifiers), strings are JSON-style, null is `null`, timestamps are Ion
 * timestamps (bare ISO strings with a zone).
 */
export function ionValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? '+inf' : '-inf';
    const s = String(value);
    return /e/i.test(s) ? s : `${s}e0`;
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(ionValue).join(',')}]`;
  if (value instanceof Uint8Array) return `{{${btoa(String.fromCharCode(...value))}}}`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${ionSymbol(k)}:${ionValue(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(String(value));
}

function ionSymbol(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !['null', 'true', 'false', 'nan'].includes(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function ionLines(rows: Record<string, unknown>[]): string {
  return rows.map((r) => ionValue(r) + '\n').join('');
}
