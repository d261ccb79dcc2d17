/** Requests to the Node DuckDB worker (duckdbNodeWorker.ts) and its answers. */
export type DuckDbRequest =
  | { op: 'init' }
  | { op: 'connect' }
  | { op: 'writeFile'; cid: number; path: string; data: Uint8Array }
  | { op: 'readFile'; cid: number; path: string }
  | { op: 'query'; cid: number; sql: string }
  | { op: 'insertJson'; cid: number; path: string; table: string }
  | { op: 'close'; cid: number };

export type DuckDbAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };
