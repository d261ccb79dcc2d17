/** Rows a JDBC task fetched, ready for a grid. */
export interface QueryResultTable {
  /** 1-based statement number for Queries' `outputs` list; absent for Query's own row/rows. */
  statement?: number;
  columns: string[];
  rows: unknown[][];
  /** The `size` output (rows fetched), when present. */
  size?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);

function table(objects: Record<string, unknown>[], size: unknown, statement?: number): QueryResultTable {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    for (const k of Object.keys(o)) {
      if (seen.has(k)) continue;
      seen.add(k);
      columns.push(k);
    }
  }
  return {
    ...(statement !== undefined ? { statement } : {}),
    columns,
    rows: objects.map((o) => columns.map((c) => o[c])),
    ...(typeof size === 'number' ? { size } : {}),
  };
}

function fromOutput(o: Record<string, unknown>, statement?: number): QueryResultTable | null {
  if (Array.isArray(o.rows) && o.rows.every(isRecord)) return table(o.rows, o.size, statement);
  if (isRecord(o.row)) return table([o.row], o.size, statement);
  return null;
}

/**
 * Finds query results in a task run's outputs, shaped like Kestra's JDBC
 * tasks: `rows: [...]` or `row: {...}` (Query), or `outputs: [{rows|row|size}]`
 * (Queries, one entry per statement that returned rows).
 */
export function queryResultsOf(outputs: Record<string, unknown>): QueryResultTable[] {
  const own = fromOutput(outputs);
  if (own) return [own];
  if (Array.isArray(outputs.outputs) && outputs.outputs.length && outputs.outputs.every(isRecord)) {
    const looksLikeQueries = outputs.outputs.every((o) => 'rows' in o || 'row' in o || 'size' in o || 'uri' in o);
    if (!looksLikeQueries) return [];
    return outputs.outputs.flatMap((o, i) => fromOutput(o, i + 1) ?? []);
  }
  return [];
}
