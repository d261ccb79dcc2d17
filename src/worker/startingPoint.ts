import type { Flow } from '../engine';
import { restartExecution } from '../engine/runtime/restartExecution';
import { replayExecution } from '../engine/runtime/replayExecution';
import { randomId } from '../engine/runtime/ids';
import type { StartingPoint } from '../engine/runtime/StartingPoint';
import type { RunFrom } from './protocol';

/** Where a Restart / Replay the page asked for starts; throws (the run reports a crash) when it cannot. */
export function startingPoint(flow: Flow, from: RunFrom): StartingPoint {
  // what the page keeps about an execution (lastSeen, page, interrupted) does not travel on
  const { lastSeen: _a, page: _b, interrupted: _c, ...execution } = from.execution as RunFrom['execution'] & { lastSeen?: unknown; page?: unknown; interrupted?: unknown };
  if (execution.namespace !== flow.namespace || execution.flowId !== flow.id) {
    throw new Error(`Execution ${execution.id} belongs to the flow ${execution.namespace}.${execution.flowId}, not ${flow.namespace}.${flow.id}`);
  }
  const now = new Date().toISOString();
  return from.action === 'restart' ? restartExecution(execution, flow, now) : replayExecution(execution, from.taskRunId, randomId, now);
}
