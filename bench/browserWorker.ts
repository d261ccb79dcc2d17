/// <reference lib="webworker" />
/**
 * The browser benchmark's dedicated worker (OPFS access handles exist only in
 * one): runs the taxi load steps on PGlite in memory, IndexedDB or OPFS with
 * the levers the page asks for, or the whole flow through the engine, and
 * posts the times back. Built by bench/run.ts with esbuild.
 */
import { parseFlow, runExecution, systemClock } from '../src/engine';
import { resolveInputs } from '../src/engine/inputs/resolveInputs';
import { createDataFetch } from '../src/engine/data/createDataFetch';
import { openPGlite } from '../src/engine/postgres/openPGlite';
import type { DataManifest } from '../src/engine/data/DataManifest';
import { stepTimes } from './flowSteps';
import { runLoadSteps, type StepTimes } from './loadSteps';
import { taxiSql } from './taxiSql';
import type { BrowserStore, Levers } from './levers';

export type WorkerRequest =
  | { kind: 'steps'; id: number; store: BrowserStore; levers: Levers; reps: number; csvUrl: string; snapshotUrl: string; flowSource: string }
  | { kind: 'flow'; id: number; reps: number; snapshotUrl: string; flowSource: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function deleteIdb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(`/pglite/${name}`);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

async function deleteOpfs(name: string): Promise<void> {
  try {
    await (await navigator.storage.getDirectory()).removeEntry(name, { recursive: true });
  } catch {
    /* not there */
  }
}

let runs = 0;
/** The worker thread's CPU time, read by bench/run.ts from /proc through the page (null when it cannot). */
let cpuReply: ((ms: number | null) => void) | null = null;
const workerCpu = () =>
  new Promise<number | null>((resolve) => {
    cpuReply = resolve;
    scope.postMessage({ cpu: true });
  });
let wasm: Promise<WebAssembly.Module> | undefined;
/** PGlite's WebAssembly compiled once, so every run has the same optimised code. */
const pgliteWasm = () => (wasm ??= WebAssembly.compileStreaming(fetch(new URL('./pglite.wasm', location.href))));

async function steps(r: Extract<WorkerRequest, { kind: 'steps' }>): Promise<StepTimes[]> {
  const csv = await fetchBytes(r.csvUrl);
  const snapshot = new Blob([(await fetchBytes(r.snapshotUrl)) as BlobPart]);
  const sql = taxiSql(r.flowSource);
  const out: StepTimes[] = [];
  for (let i = 0; i < r.reps; i++) {
    const name = `bench-${Date.now()}-${runs++}`;
    const dataDir = r.store === 'idb' ? `idb://${name}` : r.store === 'opfs' ? `opfs-ahp://${name}` : undefined;
    const h = await openPGlite({ dataDir, loadDataDir: snapshot, memfsDoubling: r.levers.memfsDoubling, fastBlobDevice: r.levers.fastBlobDevice, wasmModule: await pgliteWasm() });
    try {
      out.push(await runLoadSteps(h.db, sql, csv, { binary: r.levers.binaryCopy, bytesBlob: r.levers.fastBlobDevice, cpu: workerCpu }));
    } finally {
      await h.close();
      if (r.store === 'idb') await deleteIdb(name);
      if (r.store === 'opfs') await deleteOpfs(name);
    }
  }
  return out;
}

async function flow(r: Extract<WorkerRequest, { kind: 'flow' }>) {
  const snapshot = new Blob([(await fetchBytes(r.snapshotUrl)) as BlobPart]);
  const h = await openPGlite({ loadDataDir: snapshot, wasmModule: await pgliteWasm() });
  const base = new URL('/data/', location.href);
  const fetchService = createDataFetch({
    dataset: 'full',
    manifest: async () => (await (await fetch(new URL('manifest.json', base))).json()) as DataManifest,
    readShipped: (path) => fetch(new URL(path, base)),
    realFetch: (url) => fetch(url),
  });
  const parsed = parseFlow(r.flowSource);
  if (!parsed.flow) throw new Error(JSON.stringify(parsed.errors));
  const inputs = (await resolveInputs(parsed.flow, { taxi: 'green', year: '2020', month: '03' })).values;
  const results = [];
  try {
    for (let i = 0; i < r.reps; i++) {
      await h.db.exec('DROP TABLE IF EXISTS green_tripdata; DROP TABLE IF EXISTS green_tripdata_staging;');
      const exec = await runExecution(parsed.flow, { inputs, services: { clock: systemClock, database: async () => h.db, fetch: fetchService } });
      results.push(stepTimes(exec, 'green'));
    }
  } finally {
    await h.close();
  }
  return results;
}

scope.onmessage = async (e: MessageEvent<WorkerRequest | { cpuReply: number | null }>) => {
  if ('cpuReply' in e.data) {
    cpuReply?.(e.data.cpuReply);
    cpuReply = null;
    return;
  }
  const r = e.data;
  try {
    const result = r.kind === 'steps' ? await steps(r) : await flow(r);
    scope.postMessage({ id: r.id, result });
  } catch (err) {
    scope.postMessage({ id: r.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
};
scope.postMessage({ ready: true });
