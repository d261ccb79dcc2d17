import type { EngineEvent } from './model/events';
import type { Execution, TaskRun, TaskRunAttempt } from './model/execution';
import { isTerminated, withState, type StateType } from './model/state';

/**
 * Pure reducer: folds one engine event into an execution snapshot and returns
 * a new snapshot (the old one is never mutated, so React can compare by
 * reference). `null` is the state before `execution.created`. A log line
 * touches only `logs`; a task-run event replaces only that task run.
 */
export function reduceExecution(exec: Execution | null, event: EngineEvent): Execution | null {
  if (event.type === 'execution.created') {
    const e = event.execution;
    return {
      id: e.id,
      namespace: e.namespace,
      flowId: e.flowId,
      originalId: e.originalId,
      state: withState(undefined, 'CREATED', event.at),
      labels: { ...e.labels },
      inputs: e.inputs,
      variables: e.variables,
      taskRunList: [],
      logs: [],
    };
  }
  if (!exec) return exec;
  switch (event.type) {
    case 'execution.state':
      return { ...exec, state: withState(exec.state, event.state, event.at) };
    case 'execution.labels':
      return { ...exec, labels: { ...exec.labels, ...event.labels } };
    case 'execution.variables':
      return { ...exec, renderedVariables: event.variables };
    case 'execution.outputs':
      return { ...exec, outputs: { ...(exec.outputs ?? {}), ...event.outputs } };
    case 'taskrun.created': {
      const t = event.taskRun;
      const run: TaskRun = {
        id: t.id,
        taskId: t.taskId,
        taskType: t.taskType,
        parentTaskRunId: t.parentTaskRunId,
        value: t.value,
        iteration: t.iteration ?? null,
        state: withState(undefined, 'CREATED', event.at),
        attempts: [],
        outputs: null,
      };
      return { ...exec, taskRunList: [...exec.taskRunList, run] };
    }
    case 'taskrun.state':
      return updateTaskRun(exec, event.taskRunId, (run) => ({
        ...run,
        state: withState(run.state, event.state, event.at),
        attempts: withAttemptState(run.attempts, event.state, event.at),
      }));
    case 'taskrun.attempt':
      return updateTaskRun(exec, event.taskRunId, (run) => ({
        ...run,
        attempts: [...run.attempts, { state: withState(undefined, 'RUNNING', event.at) }],
      }));
    case 'taskrun.outputs':
      return updateTaskRun(exec, event.taskRunId, (run) => ({
        ...run,
        outputs: { ...(run.outputs ?? {}), ...event.outputs },
      }));
    case 'log':
      return {
        ...exec,
        logs: [
          ...exec.logs,
          {
            timestamp: event.at,
            level: event.level,
            taskId: event.taskId,
            taskRunId: event.taskRunId,
            message: event.message,
          },
        ],
      };
  }
}

/**
 * A task run's state change also moves its current attempt, as long as that
 * attempt is still open (RETRYING / PAUSED belong to the task run only).
 */
function withAttemptState(attempts: TaskRunAttempt[], state: StateType, at: string): TaskRunAttempt[] {
  const last = attempts[attempts.length - 1];
  if (!last || isTerminated(last.state.current) || state === 'CREATED' || state === 'RETRYING' || state === 'PAUSED') return attempts;
  if (last.state.current === state) return attempts;
  const copy = attempts.slice();
  copy[copy.length - 1] = { state: withState(last.state, state, at) };
  return copy;
}

function updateTaskRun(exec: Execution, id: string, fn: (run: TaskRun) => TaskRun): Execution {
  const list = exec.taskRunList;
  // recent task runs are at the end: search backwards
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].id === id) {
      const copy = list.slice();
      copy[i] = fn(list[i]);
      return { ...exec, taskRunList: copy };
    }
  }
  return exec;
}

export function reduceAll(events: Iterable<EngineEvent>): Execution | null {
  let exec: Execution | null = null;
  for (const e of events) exec = reduceExecution(exec, e);
  return exec;
}
