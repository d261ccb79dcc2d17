import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { messages, states, taskRun } from './executionHarness';
import { runKestra } from './kestraHarness';

test('WorkingDirectoryTest#success: the tasks share their files, outputFiles are stored', async () => {
  const storage = new MemoryStorage();
  const { execution } = await runKestra('working_directory', {}, { services: { storage } });
  assert.equal(execution.state.current, 'SUCCESS', JSON.stringify(execution.logs.map((l) => l.message)));
  assert.deepEqual(messages(execution, 'read').filter((m) => !m.startsWith('Starting command')), ['seed working_directory', 'second']);
  const files = (taskRun(execution, 'wd').outputs as { outputFiles: Record<string, string> }).outputFiles;
  assert.deepEqual(Object.keys(files).sort(), ['first.txt', 'seed.txt']);
  assert.equal(new TextDecoder().decode(await storage.get(files['first.txt'])), 'seed working_directory\nsecond\n');
});

test('SetVariables / UnsetVariables: vars change for the tasks after; overwrite: false refuses an existing name', async () => {
  const { execution } = await runKestra('variables_set_unset');
  assert.deepEqual(messages(execution, 'show'), ['blue 42']);
  assert.deepEqual(messages(execution, 'after'), ['gone']);
  assert.equal(states(execution).keep, 'FAILED');
  assert.match(messages(execution, 'keep')[0], /`color` already exists/);
});

test('deprecated tasks run: Echo, AllowFailure (WARNING), EachSequential, EachParallel', async () => {
  const { execution } = await runKestra('deprecated_tasks');
  assert.equal(execution.state.current, 'WARNING');
  assert.deepEqual(messages(execution, 'echo'), ['echo deprecated_tasks']);
  assert.equal(execution.logs.find((l) => l.taskId === 'echo')!.level, 'WARN');
  assert.equal(states(execution).allow, 'WARNING');
  assert.equal(states(execution).boom, 'FAILED');
  assert.deepEqual(messages(execution, 'use'), ['s-b p-z']);
});

test('DagTest: a task starts only after its dependsOn ended; a cycle fails before anything runs', async () => {
  const { execution } = await runKestra('dag_order');
  assert.equal(execution.state.current, 'SUCCESS');
  const end = (id: string) => Date.parse(taskRun(execution, id).state.histories.at(-1)!.date);
  const start = (id: string) => Date.parse(taskRun(execution, id).state.histories[0].date);
  assert.ok(start('left') >= end('first') && start('right') >= end('first'));
  assert.ok(start('last') >= end('left') && start('last') >= end('right'));
  const cyc = (await runKestra('dag_cycle')).execution;
  assert.equal(cyc.state.current, 'FAILED');
  assert.deepEqual(messages(cyc, 'dag'), ["Infinite loop detected on task 'dag': a, b"]);
  assert.deepEqual(states(cyc), { dag: 'FAILED' });
});

test('WaitForTest: runs its tasks until the condition holds; failOnMaxReached fails past maxIterations', async () => {
  const { execution } = await runKestra('wait_for');
  assert.equal(execution.state.current, 'SUCCESS');
  assert.deepEqual(messages(execution, 'tick'), ['pass 1', 'pass 2', 'pass 3']);
  assert.deepEqual(taskRun(execution, 'loop').outputs, { iterationCount: 3 });
  const never = (await runKestra('wait_for', { until: 99 })).execution;
  assert.equal(never.state.current, 'FAILED');
  assert.equal(messages(never, 'tick').length, 5);
  assert.deepEqual(messages(never, 'loop'), ['Max iterations reached']);
});

test('log.Fetch counts the fetched lines; afterExecution runs once the state is known', async () => {
  const storage = new MemoryStorage();
  const { execution } = await runKestra('log_fetch_after', {}, { services: { storage } });
  assert.equal(execution.state.current, 'SUCCESS');
  const out = taskRun(execution, 'fetch').outputs as { size: number; uri: string };
  assert.equal(out.size, 2);
  const lines = new TextDecoder().decode(await storage.get(out.uri)).trim().split('\n').map((l) => JSON.parse(l).message);
  assert.deepEqual(lines, ['one', 'two']);
  assert.deepEqual(messages(execution, 'report'), ['ended SUCCESS']);
});

test('a property Kestra runs and this engine does not is a warning on its line, in both languages', async () => {
  const { parseFlow } = await import('../../src/engine');
  const { formatFlowError } = await import('../../src/engine/flow/errorMessages');
  const parsed = parseFlow(`id: not_run
namespace: test.kestra
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: test.kestra
    flowId: other
    revision: 3
  - id: wd
    type: io.kestra.plugin.core.flow.WorkingDirectory
    cache:
      patterns: ["*.csv"]
    tasks:
      - id: log
        type: io.kestra.plugin.core.log.Log
        message: hi
        workerGroup:
          key: gpu
`);
  assert.equal(parsed.errors.length, 0);
  const notRun = parsed.warnings.filter((w) => w.code === 'property-not-run');
  assert.deepEqual(notRun.map((w) => [w.line, w.path]), [
    [8, 'tasks[0].revision'],
    [11, 'tasks[1].cache'],
    [17, 'tasks[1].tasks[0].workerGroup'],
  ]);
  assert.equal(notRun[0].message, '`revision` is accepted by Kestra, not run here: this run knows one revision of each flow');
  assert.equal(formatFlowError(notRun[0], 'zh-TW'), '`revision` 在 Kestra 上有效，但這裡不會執行：這裡每個流程只有一個版本');
});

test('kv.GetKeys, storage.Concat / Size / Delete run; core tasks this engine refuses validate and fail saying why', async () => {
  const { execution } = await runKestra('storage_kv_tasks');
  assert.deepEqual(taskRun(execution, 'keys').outputs, { keys: ['month_01', 'month_02'] });
  assert.deepEqual(taskRun(execution, 'size').outputs, { size: 8 });
  assert.equal((taskRun(execution, 'delete').outputs as { deleted: boolean }).deleted, true);
  assert.equal(states(execution).read_deleted, 'WARNING');
  assert.match(messages(execution, 'read_deleted').join('\n'), /File not found in internal storage/);
  assert.equal(states(execution).count, 'WARNING');
  assert.match(messages(execution, 'count').join('\n'), /execution repository/);
});

test('a timeout on a flowable warns that Kestra does not apply it (kestra-io/kestra#6739); on Pause it counts', async () => {
  const { parseFlow } = await import('../../src/engine');
  const parsed = parseFlow(`id: flowable_timeout
namespace: test.kestra
tasks:
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    timeout: PT1M
    tasks:
      - id: log
        type: io.kestra.plugin.core.log.Log
        message: hi
  - id: pause
    type: io.kestra.plugin.core.flow.Pause
    timeout: PT1M
`);
  assert.deepEqual(parsed.warnings.filter((w) => w.code === 'flowable-timeout').map((w) => w.path), ['tasks[0].timeout']);
});
