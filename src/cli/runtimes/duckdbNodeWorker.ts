/**
 * Entry of the DuckDB worker thread in Node (tests and the command line):
 * DuckDB-Wasm's blocking Node build, one database, any number of
 * connections, each with a working directory on disk (a temporary folder,
 * removed when the connection closes). The engine terminates this thread to
 * stop a query that runs too long.
 */
import { parentPort } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { arrowRows, type ArrowTableLike } from '../../engine/duckdb/arrowRows';
import type { DuckDbAnswer, DuckDbRequest } from './duckdbWorkerProtocol';

const require = createRequire(import.meta.url);
type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as Blocking;
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

if (!parentPort) throw new Error('duckdbNodeWorker.ts runs as a worker thread');
const port = parentPort;

type Db = Awaited<ReturnType<Blocking['createDuckDB']>>;
type Conn = ReturnType<Db['connect']>;
let db: Db | null = null;
const connections = new Map<number, { conn: Conn; dir: string; registered: string[] }>();
let nextCid = 1;

async function handle(req: DuckDbRequest): Promise<unknown> {
  if (req.op === 'init') {
    const bundles = {
      mvp: { mainModule: join(DIST, 'duckdb-mvp.wasm'), mainWorker: join(DIST, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(DIST, 'duckdb-eh.wasm'), mainWorker: join(DIST, 'duckdb-node-eh.worker.cjs') },
    };
    db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
    await db.instantiate(() => undefined);
    db.open({ query: { castDecimalToDouble: true } });
    return db.getVersion();
  }
  if (!db) throw new Error('DuckDB is not started');
  if (req.op === 'connect') {
    const dir = mkdtempSync(join(tmpdir(), 'kestra-duckdb-'));
    const cid = nextCid++;
    connections.set(cid, { conn: db.connect(), dir, registered: [] });
    return { cid, workingDir: dir };
  }
  const c = connections.get(req.cid);
  if (!c) throw new Error('this DuckDB connection is closed');
  switch (req.op) {
    case 'writeFile':
      if (isAbsolute(req.path)) {
        mkdirSync(dirname(req.path), { recursive: true });
        writeFileSync(req.path, req.data);
      } else {
        db.registerFileBuffer(req.path, req.data);
        c.registered.push(req.path);
      }
      return null;
    case 'readFile':
      return existsSync(req.path) ? new Uint8Array(readFileSync(req.path)) : null;
    case 'query':
      return arrowRows(c.conn.query(req.sql) as unknown as ArrowTableLike);
    case 'insertJson':
      c.conn.insertJSONFromPath(req.path, { name: req.table });
      return null;
    case 'close':
      connections.delete(req.cid);
      c.conn.close();
      for (const name of c.registered) db.dropFile(name);
      rmSync(c.dir, { recursive: true, force: true });
      return null;
  }
}

port.on('message', async ({ id, req }: { id: number; req: DuckDbRequest }) => {
  let answer: DuckDbAnswer;
  try {
    answer = { id, ok: true, value: await handle(req) };
  } catch (e) {
    answer = { id, ok: false, message: (e as Error)?.message ?? String(e) };
  }
  port.postMessage(answer);
});
