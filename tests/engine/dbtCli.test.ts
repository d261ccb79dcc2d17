import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './runFlowFile';

// The command line runs the course's dbt flow on the databases and namespace files kept under --db,
// and --git-repo <url>=<folder> reads a repository from a local folder.

function flow(args: string[]) {
  const r = spawnSync('npm', ['run', '--silent', 'flow', '--', 'run', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('npm run flow: the taxi flow, then 03_postgres_dbt on the same --db; the synced files stay for the next run', () => {
  const db = mkdtempSync(join(tmpdir(), 'dbt-cli-'));
  try {
    for (const [taxi, year, month] of [['green', '2020', '03'], ['yellow', '2019', '01']]) {
      const r = flow(['flows/02_postgres_taxi.yaml', '--input', `taxi=${taxi}`, '--input', `year=${year}`, '--input', `month=${month}`, '--db', db]);
      assert.equal(r.status, 0, r.out);
    }
    const build = flow(['flows/03_postgres_dbt.yaml', '--db', db]);
    assert.equal(build.status, 0, build.out);
    assert.match(build.out, /Done\. PASS=17 WARN=0 ERROR=0 SKIP=0 TOTAL=17/);
    assert.match(build.out, /Execution \S+ SUCCESS/);
    // the namespace files were kept under --db: a flow that only runs dbt finds the project
    const rerun = flow(['flows/03_postgres_dbt.yaml', '--db', db, '--input', 'dbt_command=dbt ls --resource-type model']);
    assert.equal(rerun.status, 0, rerun.out);
    assert.match(rerun.out, /taxi_rides_ny\.core\.fact_trips/);
  } finally {
    rmSync(db, { recursive: true, force: true });
  }
});

test('--git-repo reads a repository from a local folder', () => {
  const r = flow(['tests/fixtures/dbt/flows/git_sync.yaml', '--git-repo', `https://github.com/me/fixtures=${join(ROOT, 'tests/fixtures/dbt')}`, '--input', 'url=https://github.com/me/fixtures', '--input', 'directory=shop']);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /Synced \d+ file\(s\) of shop into the namespace files of tests\.git/);
});
