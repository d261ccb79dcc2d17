import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openPGlite } from '../src/engine/postgres/openPGlite';
import { mainThreadCpuMs } from './threadCpu';
import { runLoadSteps, type StepTimes } from './loadSteps';
import type { TaxiSql } from './taxiSql';
import type { Levers } from './levers';

/** Fresh data directories (dumpDataDir, gzip) with and without data checksums, so each run starts without initdb. */
export async function makeSnapshots(): Promise<{ checksums: Uint8Array; none: Uint8Array }> {
  const dump = async (dataChecksums: boolean) => {
    const h = await openPGlite({ dataChecksums, wasmModule: await pgliteWasm() });
    const pg = h.raw as { query(sql: string): Promise<{ rows: Record<string, unknown>[] }>; dumpDataDir(c: 'gzip'): Promise<Blob> };
    const on = (await pg.query('SHOW data_checksums')).rows[0].data_checksums;
    if ((on === 'on') !== dataChecksums) throw new Error(`snapshot has data_checksums ${on}`);
    const bytes = new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer());
    await h.close();
    return bytes;
  };
  return { checksums: await dump(true), none: await dump(false) };
}

let wasm: Promise<WebAssembly.Module> | undefined;
/**
 * PGlite's WebAssembly, compiled once: every instance then runs the same
 * optimised code (a module compiled anew starts in V8's baseline tier and is
 * optimised while it runs, which would favour whichever run comes later).
 */
export const pgliteWasm = () =>
  (wasm ??= (async () => WebAssembly.compile(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'pglite.wasm'))))());

/** The three load steps `reps` times, each on a fresh in-memory PGlite with these levers. */
export async function pgliteNodeSteps(sql: TaxiSql, csv: Uint8Array, levers: Levers, snapshots: { checksums: Uint8Array; none: Uint8Array }, reps: number): Promise<StepTimes[]> {
  const out: StepTimes[] = [];
  for (let i = 0; i < reps; i++) {
    const snapshot = levers.noChecksums ? snapshots.none : snapshots.checksums;
    const h = await openPGlite({ loadDataDir: new Blob([snapshot as BlobPart]), memfsDoubling: levers.memfsDoubling, fastBlobDevice: levers.fastBlobDevice, wasmModule: await pgliteWasm() });
    try {
      out.push(await runLoadSteps(h.db, sql, csv, { binary: levers.binaryCopy, bytesBlob: levers.fastBlobDevice, cpu: mainThreadCpuMs }));
    } finally {
      await h.close();
    }
  }
  return out;
}
