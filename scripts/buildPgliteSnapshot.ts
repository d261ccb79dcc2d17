/**
 * Writes public/pglite/pgdata.tar.gz: a freshly initialised PGlite data
 * directory (dumpDataDir('gzip')), so the browser and the command line can
 * start a new database from it instead of running initdb. initdb runs with
 * INITDB_ARGS (no data checksums: PostgreSQL 18 turns them on by default, and
 * they cost about 15% of the taxi load; nothing here reads them).
 * Run: npx tsx scripts/buildPgliteSnapshot.ts (npm run build runs it; it does
 * nothing when the snapshot was already made by the installed PGlite version
 * with the same initdb arguments).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import { INITDB_ARGS } from '../src/engine/postgres/openPGlite';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '../public/pglite/pgdata.tar.gz');

const STAMP = OUT.replace(/\.tar\.gz$/, '.version');
const require = createRequire(import.meta.url);

function pgliteVersion(): string {
  const pkg = resolve(dirname(require.resolve('@electric-sql/pglite')), '../package.json');
  return String(JSON.parse(readFileSync(pkg, 'utf8')).version);
}

async function main() {
  const version = [pgliteVersion(), ...INITDB_ARGS].join(' ');
  if (existsSync(OUT) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === version) {
    console.log(`PGlite snapshot for ${version} is up to date`);
    return;
  }
  const pg = await PGlite.create({ initDbStartParams: INITDB_ARGS });
  const checksums = (await pg.query<{ data_checksums: string }>('SHOW data_checksums')).rows[0].data_checksums;
  if (checksums !== 'off') throw new Error(`initdb ${INITDB_ARGS.join(' ')} left data checksums ${checksums}`);
  await pg.query('SELECT 1');
  const dump = await pg.dumpDataDir('gzip');
  await pg.close();
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, new Uint8Array(await dump.arrayBuffer()));
  writeFileSync(STAMP, version);
  console.log(`wrote ${OUT} (${dump.size} bytes)`);
}
main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
