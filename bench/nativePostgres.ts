import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';

const PORT = 55432;
const DIR = '/tmp/kestra-bench-pg';

function binDir(): string {
  const find = () => (existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse()[0] : undefined);
  let v = find();
  if (!v) {
    console.log('installing PostgreSQL with apt-get (native baseline)…');
    execSync('apt-get install -y postgresql >/dev/null', { stdio: 'inherit' });
    v = find();
  }
  if (!v) throw new Error('PostgreSQL is not installed and apt-get could not install it');
  return `/usr/lib/postgresql/${v}/bin`;
}

const asPostgres = (cmd: string) => execSync(`su postgres -s /bin/sh -c '${cmd.replace(/'/g, `'\\''`)}'`, { encoding: 'utf8' });

/** Starts a private PostgreSQL cluster on a loopback port; returns how to run psql scripts and stop it. */
export function startNativePostgres(): { version: string; psql(script: string): string; stop(): void } {
  const bin = binDir();
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  chmodSync(DIR, 0o777);
  asPostgres(`${bin}/initdb -D ${DIR}/data -A trust -U postgres >/dev/null`);
  asPostgres(`${bin}/pg_ctl -D ${DIR}/data -o "-p ${PORT} -k ${DIR} -c listen_addresses=127.0.0.1 -c fsync=on" -w start >/dev/null`);
  const version = execFileSync('psql', ['-h', '127.0.0.1', '-p', String(PORT), '-U', 'postgres', '-tAc', 'show server_version'], { encoding: 'utf8' }).trim();
  return {
    version,
    psql(script) {
      const file = `${DIR}/script.sql`;
      writeFileSync(file, script);
      return execFileSync('psql', ['-h', '127.0.0.1', '-p', String(PORT), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-f', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    },
    stop() {
      asPostgres(`${bin}/pg_ctl -D ${DIR}/data -m fast -w stop >/dev/null`);
    },
  };
}
