import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFlowSource } from './runFlowFile';
import { states } from './executionHarness';

test('kv.Set, kv(), kv.Get and kv.Delete share one store per namespace', async () => {
  // `other` already has a key, so it exists for Kestra's KV store (KVStoreService#get)
  const kv = new Map<string, Map<string, unknown>>([['other', new Map([['seed', 1]])]]);
  const { execution } = await runFlowSource(
    `
id: kv_flow
namespace: company.team
tasks:
  - id: set
    type: io.kestra.plugin.core.kv.Set
    key: month
    value: "2020-{{ '1' ~ '1' }}"
  - id: set_other_ns
    type: io.kestra.plugin.core.kv.Set
    namespace: other
    key: n
    kvType: NUMBER
    value: "42"
  - id: show
    type: io.kestra.plugin.core.log.Log
    message: "{{ kv('month') }} {{ kv('n', 'other') }}"
  - id: get
    type: io.kestra.plugin.core.kv.Get
    key: month
  - id: delete
    type: io.kestra.plugin.core.kv.Delete
    key: month
  - id: get_missing
    type: io.kestra.plugin.core.kv.Get
    key: month
  - id: must_exist
    type: io.kestra.plugin.core.kv.Get
    key: month
    errorOnMissing: true
`,
    {},
    { services: { kv } },
  );
  assert.equal(execution.logs.find((l) => l.taskId === 'show')!.message, '2020-11 42');
  const out = (id: string) => execution.taskRunList.find((t) => t.taskId === id)!.outputs;
  assert.deepEqual(out('get'), { value: '2020-11' });
  assert.deepEqual(out('delete'), { deleted: true });
  assert.deepEqual(out('get_missing'), { value: null });
  assert.equal(states(execution).must_exist, 'FAILED');
  assert.match(execution.logs.find((l) => l.taskId === 'must_exist')!.message, /No value found for key 'month'/);
  assert.equal(kv.get('other')!.get('n'), 42);
});
