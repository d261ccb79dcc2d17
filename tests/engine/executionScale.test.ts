import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { ExecutionDraft, reduceEvents, reduceExecution, type EngineEvent } from '../../src/engine';
import { flowFromSource, run } from './executionHarness';

/** Best of `tries` runs, in ms (the ratio between sizes is what the tests look at, never a fixed number of ms). */
async function timed(work: () => Promise<void> | void, tries = 1): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const t = performance.now();
    await work();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const forEachFlow = (n: number, limit: number, child: string) =>
  flowFromSource(`id: big_foreach
namespace: test.scale
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEach
    values: "{{ range(1, ${n}) }}"
    concurrencyLimit: ${limit}
    tasks:
${child}`);

test('a ForEach over a million values runs in time linear in its size (1e4 vs 1e6: about 100×, not 10,000×)', async () => {
  // a disabled child keeps the test about the loop itself: distinct values, the pool, the children list
  const child = `      - id: nothing
        type: io.kestra.plugin.core.log.Log
        message: x
        disabled: true
`;
  const small = forEachFlow(10_000, 1, child);
  const large = forEachFlow(1_000_000, 1, child);
  let state = '';
  const tSmall = await timed(async () => void (state = (await run(small)).execution.state.current), 3);
  assert.equal(state, 'SUCCESS');
  const tLarge = await timed(async () => void (state = (await run(large)).execution.state.current));
  assert.equal(state, 'SUCCESS');
  assert.ok(tLarge / tSmall < 400, `1e6 values took ${(tLarge / tSmall).toFixed(1)}× as long as 1e4`);
});

test('a ForEach with concurrencyLimit: 0 over 100,000 values runs every iteration', async () => {
  const flow = forEachFlow(100_000, 0, `      - id: ret
        type: io.kestra.plugin.core.debug.Return
        format: "{{ taskrun.value }}"
`);
  const { execution } = await run(flow);
  assert.equal(execution.state.current, 'SUCCESS');
  const rets = execution.taskRunList.filter((t) => t.taskId === 'ret');
  assert.equal(rets.length, 100_000);
  assert.ok(rets.every((t) => t.state.current === 'SUCCESS'));
  assert.deepEqual(rets.at(-1)!.outputs, { value: '100000' });
});

const created: EngineEvent = {
  type: 'execution.created',
  at: 't0',
  execution: { id: 'e', namespace: 'n', flowId: 'f', inputs: {}, labels: {}, variables: {}, originalId: 'e' },
};
const logLines = (n: number): EngineEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'log', at: 't', level: 'INFO', message: `line ${i}`, taskRunId: 'r', taskId: 'a' }) as EngineEvent);

/**
 * Runs `work` counting the array elements copied meanwhile by slice, concat
 * or spread / iteration (every way the reducer could copy a list).
 */
function copiedElements(work: () => void): number {
  const proto = Array.prototype as unknown as Record<string | symbol, (...a: unknown[]) => unknown>;
  const saved = { slice: proto.slice, concat: proto.concat, iter: proto[Symbol.iterator] };
  let copied = 0;
  proto.slice = function (this: unknown[], ...args: unknown[]) {
    const out = saved.slice.apply(this, args) as unknown[];
    copied += out.length;
    return out;
  };
  proto.concat = function (this: unknown[], ...args: unknown[]) {
    const out = saved.concat.apply(this, args) as unknown[];
    copied += out.length;
    return out;
  };
  proto[Symbol.iterator] = function (this: unknown[]) {
    copied += this.length;
    return saved.iter.apply(this);
  };
  try {
    work();
  } finally {
    proto.slice = saved.slice;
    proto.concat = saved.concat;
    proto[Symbol.iterator] = saved.iter;
  }
  return copied;
}

// counted, not timed: folding n log lines must copy O(n) elements in all, not O(n²)
test('folding log lines is linear: a draft and a batch (reduceEvents) copy each array once, not once per line', () => {
  const n = 100_000;
  const lines = logLines(n);
  const draftCopies = copiedElements(() => {
    const d = new ExecutionDraft(null);
    d.apply(created);
    for (const e of lines) d.apply(e);
    assert.equal(d.seal()!.logs.length, n);
  });
  assert.ok(draftCopies <= 2 * n, `the draft copied ${draftCopies} elements for ${n} lines`);
  const start = reduceExecution(null, created)!;
  const batchCopies = copiedElements(() => assert.equal(reduceEvents(start, lines)!.logs.length, n));
  assert.ok(batchCopies <= 2 * n, `reduceEvents copied ${batchCopies} elements for ${n} lines`);
  // one event at a time through the public reducer copies the log array each time: that is what batches avoid
  const small = logLines(1000);
  let exec = start;
  const singleCopies = copiedElements(() => {
    for (const e of small) exec = reduceExecution(exec, e)!;
  });
  assert.ok(singleCopies >= (1000 * 999) / 2, 'per-event folding is quadratic, as documented');
});

test('the draft never changes a snapshot it handed out (seal), and reduceEvents never changes its input', () => {
  const d = new ExecutionDraft(null);
  d.apply(created);
  d.apply({ type: 'taskrun.created', at: 't1', taskRun: { id: 'r1', taskId: 'a', taskType: 'x', parentTaskRunId: null, value: null } });
  const before = d.seal()!;
  const logs = before.logs;
  const runs = before.taskRunList;
  d.apply({ type: 'log', at: 't2', level: 'INFO', message: 'hi', taskRunId: 'r1', taskId: 'a' });
  d.apply({ type: 'taskrun.state', at: 't3', taskRunId: 'r1', state: 'RUNNING' });
  assert.equal(before.logs.length, 0);
  assert.equal(before.logs, logs);
  assert.equal(before.taskRunList, runs);
  assert.equal(before.taskRunList[0].state.current, 'CREATED');
  const after = d.seal()!;
  assert.notEqual(after, before);
  assert.equal(after.logs.length, 1);
  assert.equal(after.taskRunList[0].state.current, 'RUNNING');

  const next = reduceEvents(after, logLines(3));
  assert.equal(after.logs.length, 1);
  assert.equal(next!.logs.length, 4);
  assert.equal(next!.taskRunList, after.taskRunList, 'log lines leave the task run list as it was');
});
