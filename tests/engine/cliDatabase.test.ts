import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './runFlowFile';

const run = (args: string[]) => spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'run', 'flows/02_postgres_taxi.yaml', ...args, '--json'], { cwd: ROOT, encoding: 'utf8' });

test('command line: --db keeps the tables between runs, so a second run of the same month merges nothing new', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kestra-db-'));
  try {
    const inputs = ['--input', 'taxi=green', '--input', 'year=2019', '--input', 'month=02', '--db', dir];
    const first = run(inputs);
    assert.equal(first.status, 0, first.stderr);
    const copied = JSON.parse(first.stdout).taskRunList.find((t: { taskId: string }) => t.taskId === 'green_copy_in_to_staging_table');
    assert.equal(copied.outputs.rowCount, 8);
    const second = run(inputs);
    assert.equal(second.status, 0, second.stderr);
    // the same month again: the merge finds every key already there
    const count = spawnSync(
      'npx',
      ['tsx', '-e', `import('@electric-sql/pglite').then(async ({ PGlite }) => { const db = new PGlite(${JSON.stringify(join(dir, 'postgres-zoomcamp'))}); const r = await db.query('select count(*)::int as n from public.green_tripdata'); console.log(r.rows[0].n); await db.close(); })`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(count.stdout.trim(), '8', count.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
