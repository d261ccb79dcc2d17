import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryNamespaceFiles } from '../../src/engine/storage/NamespaceFiles';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { FileNamespaceFiles } from '../../src/cli/FileNamespaceFiles';
import { nodeGitRepositories } from '../../src/cli/nodeGitRepositories';
import { normalizeGitUrl } from '../../src/engine/git/normalizeGitUrl';
import type { GitManifest } from '../../src/engine/git/GitRepositories';
import { fixtureFlow, messages, run } from './executionHarness';
import { readFlow, ROOT } from './runFlowFile';
import { flowFromSource } from './executionHarness';
import { resolveInputs } from '../../src/engine/inputs/resolveInputs';
import { folderFiles } from './dbtHarness';

// plugin-git's SyncNamespaceFiles (src/main/java/io/kestra/plugin/git/SyncNamespaceFiles.java,
// AbstractSyncTask.java): files under gitDirectory become namespace files relative to it; the
// diff file has one Ion row per file and folder (gitPath, syncState, kestraPath).

const offline = async () => {
  throw new TypeError('fetch failed');
};
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'public/git/manifest.json'), 'utf8')) as GitManifest;

async function runSync(inputs: Record<string, unknown>, namespaceFiles = new MemoryNamespaceFiles(), mappings: string[] = []) {
  const storage = new MemoryStorage();
  const flow = flowFromSource(readFlow('tests/fixtures/dbt/flows/git_sync.yaml'));
  const resolved = await resolveInputs(flow, inputs);
  const gitRepositories = nodeGitRepositories({ gitDir: join(ROOT, 'public/git'), mappings, fetch: offline });
  const { execution } = await run(flow, { inputs: resolved.values, services: { storage, namespaceFiles, gitRepositories } });
  const sync = execution.taskRunList.find((t) => t.taskId === 'sync')!;
  const diff = sync.outputs?.files ? new TextDecoder().decode(await storage.get(String(sync.outputs.files))).trim().split('\n') : [];
  return { execution, sync, diff, namespaceFiles };
}

test('the shipped manifest lists exactly the files of public/git/taxi_rides_ny', () => {
  const files = folderFiles(join(ROOT, 'public/git/taxi_rides_ny')).map(([p]) => p).sort();
  assert.deepEqual(MANIFEST.repositories[0].mounts[0].files, files);
});

test('the course repository syncs the shipped taxi_rides_ny into the namespace files; a second sync overwrites', async () => {
  const first = await runSync({});
  assert.equal(first.execution.state.current, 'SUCCESS', messages(first.execution).join('\n'));
  const expected = MANIFEST.repositories[0].mounts[0].files;
  assert.deepEqual(await first.namespaceFiles.list('tests.git'), [...expected].sort());
  assert.ok(first.diff.includes('{gitPath:"04-analytics-engineering/taxi_rides_ny/models/staging/stg_green_tripdata.sql",syncState:"ADDED",kestraPath:"/models/staging/stg_green_tripdata.sql"}'), first.diff.join('\n'));
  assert.ok(first.diff.includes('{gitPath:"04-analytics-engineering/taxi_rides_ny/models/",syncState:"ADDED",kestraPath:"/models/"}'));
  const second = await runSync({}, first.namespaceFiles);
  assert.ok(second.diff.every((r) => r.includes('syncState:"OVERWRITTEN"')), second.diff.join('\n'));
});

test('delete removes namespace files Git does not have; dryRun only reports', async () => {
  const nf = new MemoryNamespaceFiles();
  await nf.write('tests.git', 'old/notes.md', new TextEncoder().encode('x'));
  const dry = await runSync({ delete: true, dryRun: true }, nf);
  assert.ok(dry.diff[0].startsWith('{gitPath:null,syncState:"DELETED",kestraPath:"/old/notes.md"}'), dry.diff.join('\n'));
  assert.deepEqual(await nf.list('tests.git'), ['old/notes.md'], 'a dry run changes nothing');
  await runSync({ delete: true }, nf);
  assert.equal((await nf.list('tests.git')).includes('old/notes.md'), false);
  const kept = new MemoryNamespaceFiles();
  await kept.write('tests.git', 'old/notes.md', new TextEncoder().encode('x'));
  await runSync({}, kept);
  assert.ok((await kept.list('tests.git')).includes('old/notes.md'), 'without delete, other files stay');
});

test('a folder the repository does not have, and a repository that is not shipped, fail clearly', async () => {
  const missing = await runSync({ directory: 'no/such/dir' });
  assert.equal(missing.execution.state.current, 'FAILED');
  assert.ok(messages(missing.execution).some((m) => m.includes('The directory `no/such/dir` does not exist')), messages(missing.execution).join('\n'));
  const other = await runSync({ url: 'https://github.com/someone/elsewhere' });
  assert.equal(other.execution.state.current, 'FAILED');
  assert.ok(messages(other.execution).some((m) => m.includes('Could not download https://github.com/someone/elsewhere (branch main): fetch failed') && m.includes('--git-repo')), messages(other.execution).join('\n'));
  const gitlab = await runSync({ url: 'https://gitlab.com/a/b' });
  assert.ok(messages(gitlab.execution).some((m) => m.includes('only github.com repositories can be downloaded here')));
});

test('--git-repo maps a URL to a local folder', async () => {
  const r = await runSync({ url: 'git@github.com:me/shop.git', directory: 'shop' }, new MemoryNamespaceFiles(), [`https://github.com/me/shop=${join(ROOT, 'tests/fixtures/dbt')}`]);
  assert.equal(r.execution.state.current, 'SUCCESS', messages(r.execution).join('\n'));
  assert.ok((await r.namespaceFiles.list('tests.git')).includes('models/marts/fact_orders.sql'));
  assert.equal(normalizeGitUrl('http://www.GitHub.com/A/B.git/'), 'https://github.com/a/b');
});

test('namespace files under --db outlive the run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nsfiles-'));
  try {
    const a = new FileNamespaceFiles(dir);
    await a.write('zoomcamp', 'models/x.sql', new TextEncoder().encode('select 1'));
    await a.write('zoomcamp', 'gone.sql', new TextEncoder().encode('x'));
    await a.delete('zoomcamp', 'gone.sql');
    const b = new FileNamespaceFiles(dir);
    assert.deepEqual(await b.list('zoomcamp'), ['models/x.sql']);
    assert.equal(new TextDecoder().decode((await b.read('zoomcamp', 'models/x.sql'))!), 'select 1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('plugin-git 0.20 defaults the branch to `kestra`: without a branch the course copy is refused', async () => {
  const flow = fixtureFlow('../dbt/flows/git_sync');
  const source = readFlow('tests/fixtures/dbt/flows/git_sync.yaml').replace('    branch: main\n', '');
  const gitRepositories = nodeGitRepositories({ gitDir: join(ROOT, 'public/git'), mappings: [], fetch: offline });
  const resolved = await resolveInputs(flow, {});
  const { execution } = await run(flowFromSource(source), { inputs: resolved.values, services: { namespaceFiles: new MemoryNamespaceFiles(), gitRepositories, kestraVersion: '0.20' } });
  assert.ok(messages(execution).some((m) => m.includes('for the branch `main` only, not `kestra`')), messages(execution).join('\n'));
});
