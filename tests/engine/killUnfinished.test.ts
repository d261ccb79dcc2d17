import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowFromSource, run, history } from './executionHarness';
import { reduceAll, reduceEvents } from '../../src/engine/reduceExecution';
import { killUnfinished } from '../../src/engine/killUnfinished';

/**
 * What the page does when the engine's worker is gone mid-run (restarted after
 * a kill a long PGlite statement could not see, or a reload): the events seen
 * so far, then every unfinished task run and the execution ended KILLED at
 * that moment. Finished task runs keep their states and times.
 */
const flow = flowFromSource(`
id: killed_mid_run
namespace: zoomcamp
tasks:
  - id: first
    type: io.kestra.plugin.core.log.Log
    message: done
  - id: group
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: long
        type: io.kestra.plugin.core.flow.Sleep
        duration: PT1S
      - id: never
        type: io.kestra.plugin.core.log.Log
        message: not reached
`);

test('a run cut off while a nested task runs: the running ones end KILLED at the cut, the finished one stays SUCCESS', async () => {
  const { events } = await run(flow);
  const cut = events.findIndex((e) => e.type === 'taskrun.state' && e.state === 'RUNNING' && events.some((c) => c.type === 'taskrun.created' && c.taskRun.id === e.taskRunId && c.taskRun.taskId === 'long'));
  assert.ok(cut > 0);
  const seen = reduceAll(events.slice(0, cut + 1))!;
  const at = '2030-01-01T00:00:00.000Z';
  const ended = reduceEvents(seen, killUnfinished(seen, at, 'The engine was restarted'))!;
  const byTask = Object.fromEntries(ended.taskRunList.map((t) => [t.taskId, t]));
  assert.equal(ended.state.current, 'KILLED');
  assert.deepEqual(history(ended.state).slice(-2), ['KILLING', 'KILLED']);
  assert.equal(ended.state.histories.at(-1)!.date, at);
  assert.equal(byTask.first.state.current, 'SUCCESS');
  assert.equal(byTask.first.state.histories.at(-1)!.date, seen.taskRunList.find((t) => t.taskId === 'first')!.state.histories.at(-1)!.date);
  for (const id of ['group', 'long']) {
    assert.equal(byTask[id].state.current, 'KILLED', id);
    assert.equal(byTask[id].state.histories.at(-1)!.date, at);
    assert.equal(byTask[id].attempts.at(-1)?.state.current ?? 'KILLED', 'KILLED');
  }
  assert.equal(byTask.never, undefined);
  assert.match(ended.logs.at(-1)!.message, /engine was restarted/);
  // an execution that already ended is left as it is
  const finished = reduceAll(events)!;
  assert.deepEqual(killUnfinished(finished, at, 'x'), []);
});
