import type { EngineEvent } from './model/events';
import type { Execution } from './model/execution';
import { isTerminated } from './model/state';

/**
 * The events that end, at `at`, what an execution left running when its
 * engine went away (a worker restarted after a kill it could not see, a page
 * reload): each unfinished task run, then the execution, KILLED. Task runs that
 * finished keep their own states and times; a WARN log says why.
 */
export function killUnfinished(exec: Execution, at: string, why: string): EngineEvent[] {
  if (isTerminated(exec.state.current)) return [];
  const events: EngineEvent[] = exec.taskRunList
    .filter((t) => !isTerminated(t.state.current))
    .map((t) => ({ type: 'taskrun.state', at, taskRunId: t.id, state: 'KILLED' }));
  events.push({ type: 'log', at, level: 'WARN', taskId: null, taskRunId: null, message: why });
  if (exec.state.current !== 'KILLING') events.push({ type: 'execution.state', at, state: 'KILLING' });
  events.push({ type: 'execution.state', at, state: 'KILLED' });
  return events;
}
