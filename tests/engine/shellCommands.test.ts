import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { runShell, ShellFs } from '../../src/engine/shell/runShell';
import { CollectSink } from '../../src/engine/shell/streams';
import { createDataFetch } from '../../src/engine/data/createDataFetch';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { runFlowSource } from './runFlowFile';
import { states as statesByTask } from './executionHarness';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const CSV = 'VendorID,fare\r\n1,6.5\r\n2,7\r\n1,8\r\n';
const GZ = gzipSync(Buffer.from(CSV));

function fakeFetch(url: string): Promise<Response> {
  if (url === 'https://example.test/data.csv.gz') return Promise.resolve(new Response(GZ));
  if (url === 'https://example.test/missing') return Promise.resolve(new Response('nope', { status: 404, statusText: 'Not Found' }));
  return Promise.reject(new TypeError('Failed to fetch'));
}

async function sh(source: string, fs = new ShellFs(), env: Record<string, string> = {}) {
  const stdout = new CollectSink();
  const stderr = new CollectSink();
  const code = await runShell(source, { fs, env, fetch: fakeFetch, signal: new AbortController().signal, stdout, stderr, errexit: true });
  return { code, out: text(stdout.bytes()), err: text(stderr.bytes()), fs };
}

test('pipes, redirections, && || ; and quoting', async () => {
  const r = await sh(`echo "a b" > f.txt; echo 'c $X' >> f.txt && cat f.txt | wc -l; false || echo "fallback $X"; echo \${X}y > /dev/null`, new ShellFs(), { X: 'v' });
  assert.equal(r.code, 0);
  assert.equal(r.out, '2\nfallback v\n');
  assert.equal(text(r.fs.read('f.txt')!), 'a b\nc $X\n');
});

test('wget -qO- | gunzip > file streams a download into the working directory; head/tail/wc/ls/cp/mv/rm', async () => {
  const r = await sh(
    'wget -qO- https://example.test/data.csv.gz | gunzip > trips.csv\nhead -n 2 trips.csv\ntail -n 1 trips.csv\nmkdir -p out/sub && cp trips.csv out/sub/ && mv out/sub/trips.csv out/t.csv && ls out\nwc -l < trips.csv\nrm -r out\nls',
  );
  assert.equal(r.code, 0, r.err);
  assert.equal(text(r.fs.read('trips.csv')!), CSV);
  assert.equal(r.out, 'VendorID,fare\r\n1,6.5\r\n1,8\r\nsub\nt.csv\n4\ntrips.csv\n');
});

test('curl -sL -o, gzip -d on files, zcat, printf, and head ending a pipeline early', async () => {
  const r = await sh('curl -sL -o d.csv.gz https://example.test/data.csv.gz && gzip -dk d.csv.gz && zcat d.csv.gz | head -n 1 && printf "%s=%03d\\n" n 7 && cat d.csv | head -c 8');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'VendorID,fare\r\nn=007\nVendorID');
  assert.ok(r.fs.read('d.csv') && r.fs.read('d.csv.gz'));
});

test('failures: exit codes like sh, set -e stops, unsupported commands are named with the list of what works', async () => {
  const notFound = await sh('wget -q https://example.test/missing');
  assert.equal(notFound.code, 8);
  const gz = await sh('echo hi | gunzip > x.csv');
  assert.equal(gz.code, 1);
  assert.match(gz.err, /gzip: stdin: (not in gzip format|unexpected end of file|invalid)/);
  const stop = await sh('false\necho never');
  assert.equal(stop.code, 1);
  assert.equal(stop.out, '');
  const py = await sh('python3 -c "print(1)"');
  assert.equal(py.code, 127);
  assert.match(py.err, /python3: command not found.*can run: .*curl.*gunzip.*wget/);
  const syntax = await sh('echo "open');
  assert.equal(syntax.code, 2);
  assert.match(syntax.err, /unterminated quoted string/);
});

test('shell.Commands task: env, inputFiles, outputFiles keyed by relative path, logs, ::outputs::, Docker runner note', async () => {
  const storage = new MemoryStorage();
  const { execution } = await runFlowSource(
    `id: sh
namespace: company.team
tasks:
  - id: make
    type: io.kestra.plugin.scripts.shell.Commands
    containerImage: ubuntu
    env:
      NAME: "{{ flow.id }}"
    inputFiles:
      in.txt: "hello {{ flow.namespace }}"
    outputFiles:
      - "*.csv"
      - "reports/**"
    beforeCommands:
      - mkdir -p reports
    commands:
      - echo "name=$NAME" && cat in.txt && echo
      - echo '::{"outputs":{"n":3}}::'
      - echo warn >&2
      - printf 'a,b\\n' > one.csv && echo r > reports/r.txt && echo x > skip.txt
  - id: use
    type: io.kestra.plugin.scripts.shell.Script
    taskRunner:
      type: io.kestra.plugin.core.runner.Process
    inputFiles:
      data.csv: "{{ outputs.make.outputFiles['one.csv'] }}"
    script: |
      cat data.csv
      exit 3
`,
    {},
    { services: { storage, fetch: fakeFetch } },
  );
  const make = execution.taskRunList.find((t) => t.taskId === 'make')!;
  const out = make.outputs as { exitCode: number; vars: Record<string, unknown>; outputFiles: Record<string, string> };
  assert.equal(out.exitCode, 0);
  assert.deepEqual(out.vars, { n: 3 });
  assert.deepEqual(Object.keys(out.outputFiles).sort(), ['one.csv', 'reports/r.txt']);
  assert.equal(text(await storage.get(out.outputFiles['one.csv'])), 'a,b\n');
  const logs = execution.logs.filter((l) => l.taskId === 'make').map((l) => `${l.level} ${l.message}`);
  assert.ok(logs.includes('INFO name=sh'));
  assert.ok(logs.includes('INFO hello company.team'));
  assert.ok(logs.includes('ERROR warn'));
  assert.ok(logs.some((l) => l.startsWith('INFO This task asks for the default Docker task runner with image ubuntu')));
  assert.equal(statesByTask(execution).use, 'FAILED');
  const useLogs = execution.logs.filter((l) => l.taskId === 'use').map((l) => `${l.level} ${l.message}`);
  assert.ok(useLogs.includes('INFO a,b'));
  assert.ok(useLogs.includes('ERROR Command failed with exit code 3'));
});

test('the course data URL maps to the shipped sample or full month, else says why', async () => {
  const manifest = { files: { 'green_tripdata_2020-03.csv.gz': { sample: { path: 'green_tripdata_2020-03.csv.gz', rows: 10000, bytes: 1 }, full: { path: 'full/green_tripdata_2020-03.csv.gz', rows: 223406, bytes: 2 } } } };
  const seen: string[] = [];
  const make = (dataset: 'sample' | 'full') =>
    createDataFetch({
      dataset,
      manifest: async () => manifest,
      readShipped: async (path) => {
        seen.push(path);
        return new Response('x');
      },
      realFetch: async (url) => new Response(`real ${url}`),
    });
  const url = 'https://github.com/DataTalksClub/nyc-tlc-data/releases/download/green/green_tripdata_2020-03.csv.gz';
  assert.equal((await make('sample')(url)).headers.get('x-playground-rows'), '10000');
  assert.equal((await make('full')(url)).headers.get('x-playground-rows'), '223406');
  assert.deepEqual(seen, ['green_tripdata_2020-03.csv.gz', 'full/green_tripdata_2020-03.csv.gz']);
  const missing = await make('full')(url.replace('2020-03', '2021-03'));
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('x-playground-note')!, /not shipped/);
  assert.equal(await (await make('sample')('https://example.test/a')).text(), 'real https://example.test/a');
});

test('stderr: Kestra 0.20 logs each line at WARN and ends the task WARNING (unless warningOnStdErr: false); Kestra 1.1 logs ERROR and keeps SUCCESS', async () => {
  // Kestra v0.20.7 PluginUtilsService#parseOut logs stderr with logger().warn; 0e0928d (0.21) with error;
  // plugin-scripts#233 (0.23) removed the WARNING state (Kestra docs: migration-guide v0.23.0 script-warnings)
  const flow = (flag: string) => `
id: stderr_demo
namespace: company.team
tasks:
  - id: noisy
    type: io.kestra.plugin.scripts.shell.Commands
    ${flag}
    commands:
      - echo oops >&2
`;
  const old = { services: { kestraVersion: '0.20' as const } };
  const warned = await runFlowSource(flow(''), {}, old);
  assert.equal(warned.execution.taskRunList[0].state.current, 'WARNING');
  assert.equal(warned.execution.state.current, 'WARNING');
  assert.ok(warned.execution.logs.some((l) => l.level === 'WARN' && l.message === 'oops'));
  const quiet = await runFlowSource(flow('warningOnStdErr: false'), {}, old);
  assert.equal(quiet.execution.taskRunList[0].state.current, 'SUCCESS');
  for (const options of [{ services: { kestraVersion: '1.1' as const } }, {}]) {
    const now = await runFlowSource(flow(''), {}, options);
    assert.equal(now.execution.taskRunList[0].state.current, 'SUCCESS');
    assert.equal(now.execution.state.current, 'SUCCESS');
    assert.ok(now.execution.logs.some((l) => l.level === 'ERROR' && l.message === 'oops'));
    assert.ok(!now.execution.logs.some((l) => /line\(s\) on stderr/.test(l.message)));
  }
});
