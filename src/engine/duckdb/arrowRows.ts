import type { DuckDbResult } from './DuckDbRuntime';

/** The parts of an Apache Arrow table (what DuckDB-Wasm returns) read here, duck-typed so any copy of apache-arrow works. */
export interface ArrowTableLike {
  schema: { fields: { name: string; type: unknown }[] };
  numRows: number;
  getChildAt(i: number): { get(row: number): unknown } | null;
}

/**
 * An Arrow table as plain rows, the way Kestra's DuckDB cell converter gives
 * them (K plugin-jdbc-duckdb DuckDbCellConverter): integers as numbers (a
 * 64-bit one beyond 2^53 as a string, so nothing is rounded silently), DATE
 * as `yyyy-MM-dd`, TIMESTAMP as an ISO date-time, lists and structs as JSON
 * arrays and objects. Values can be posted between workers and stored.
 */
export function arrowRows(table: ArrowTableLike): DuckDbResult {
  const fields = table.schema.fields;
  const columns = fields.map((f) => ({ name: f.name, type: String(f.type) }));
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      Object.defineProperty(row, f.name, { value: plain(vectors[i]?.get(r), columns[i].type), enumerable: true, writable: true, configurable: true });
    });
    rows.push(row);
  }
  return { columns, rows };
}

function plain(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number') {
    if (/^Date/.test(type)) return new Date(v).toISOString().slice(0, 10);
    if (/^Timestamp/.test(type)) return new Date(v).toISOString();
    return v;
  }
  if (v instanceof Date) return /^Date/.test(type) ? v.toISOString().slice(0, 10) : v.toISOString();
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'object') {
    const o = v as { toArray?: () => unknown[]; toJSON?: () => unknown; [Symbol.iterator]?: unknown };
    if (typeof o.toJSON === 'function') {
      const j = o.toJSON();
      if (Array.isArray(j)) return j.map((x) => plain(x, ''));
      if (j && typeof j === 'object') return Object.fromEntries(Object.entries(j).map(([k, x]) => [k, plain(x, '')]));
      return plain(j, '');
    }
    if (typeof o.toArray === 'function') return Array.from(o.toArray()).map((x) => plain(x, ''));
  }
  return String(v);
}
