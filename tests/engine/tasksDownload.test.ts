import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { createNodeServices } from '../../src/cli/createNodeServices';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { parseFlow } from '../../src/engine';
import { runFlowSource } from './runFlowFile';
import { states } from './executionHarness';

const FLOW = (url: string) => `
id: download_demo
namespace: zoomcamp
tasks:
  - id: get
    type: io.kestra.plugin.core.http.Download
    uri: ${url}
  - id: show
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.get.code }} {{ outputs.get.length }} {{ outputs.get.uri }}"
`;

test('http.Download stores the course file in internal storage with code, length and uri outputs', async () => {
  const node = await createNodeServices({ dataset: 'sample' });
  const storage = new MemoryStorage();
  try {
    const url = 'https://github.com/DataTalksClub/nyc-tlc-data/releases/download/green/green_tripdata_2019-02.csv.gz';
    const { execution } = await runFlowSource(FLOW(url), {}, { services: { ...node.services, storage } });
    assert.equal(execution.state.current, 'SUCCESS');
    const out = execution.taskRunList.find((t) => t.taskId === 'get')!.outputs as { uri: string; code: number; length: number };
    assert.equal(out.code, 200);
    assert.match(out.uri, /^kestra:\/\/\/zoomcamp\/download-demo\/executions\/.+\/tasks\/get\/.+\/green_tripdata_2019-02\.csv\.gz$/);
    const bytes = await storage.get(out.uri);
    assert.equal(out.length, bytes.byteLength);
    // the real extract: a header and 8 trips
    assert.equal(gunzipSync(bytes).toString('utf8').trim().split('\r\n').length, 9);
    assert.equal(execution.logs.find((l) => l.taskId === 'show')!.message, `200 ${out.length} ${out.uri}`);
  } finally {
    await node.close();
  }
});

test('http.Download of a month that is not shipped fails with a 404 and says why', async () => {
  const node = await createNodeServices({ dataset: 'sample' });
  try {
    const url = 'https://github.com/DataTalksClub/nyc-tlc-data/releases/download/green/green_tripdata_2021-07.csv.gz';
    const { execution } = await runFlowSource(FLOW(url), {}, { services: node.services });
    assert.equal(states(execution).get, 'FAILED');
    assert.match(execution.logs.find((l) => l.level === 'ERROR')!.message, /HTTP 404.*not shipped/);
  } finally {
    await node.close();
  }
});

test('other core.http tasks validate and fail at run time; unrelated types get no misleading suggestion', async () => {
  const { execution } = await runFlowSource(`
id: request_demo
namespace: zoomcamp
tasks:
  - id: call
    type: io.kestra.plugin.core.http.Request
    uri: https://example.com
`);
  assert.equal(execution.state.current, 'FAILED');
  assert.match(execution.logs[0].message, /io\.kestra\.plugin\.core\.http\.Request.*cannot run in this browser playground/);
  const bad = parseFlow('id: x\nnamespace: y\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.debug.Retrun\n  - id: b\n    type: io.kestra.plugin.core.flow.Unheard\n');
  const messages = bad.errors.map((e) => e.message);
  assert.ok(messages.some((m) => m.includes('Retrun') && m.includes('did you mean `io.kestra.plugin.core.debug.Return`')), messages.join('\n'));
  assert.ok(messages.some((m) => m.includes('Unheard') && !m.includes('did you mean')), messages.join('\n'));
});
