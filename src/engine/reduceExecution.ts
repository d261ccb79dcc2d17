import type { EngineEvent } from './model/events';
import type { Execution, TaskRun } from './model/execution';
import { withState } from './model/state';

/**
 * Pure reducer: folds one engine event into an execution snapshot and returns
 * a new snapshot (the old one is never mutated, so React can compare by
 * reference). `null` is the state before `execution.created`.
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
      return updateTaskRun(exec, event.taskRunId, (run) => {
        const attempts = run.attempts.length
          ? run.attempts.map((a, i) =>
              i === run.attempts.length - 1 && event.state !== 'CREATED'
                ? { state: withState(a.state, event.state, event.at) }
                : a,
            )
          : run.attempts;
        return { ...run, state: withState(run.state, event.state, event.at), attempts };
      });
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

function updateTaskRun(exec: Execution, id: string, fn: (run: TaskRun) => TaskRun): Execution {
  return {
    ...exec,
    taskRunList: exec.taskRunList.map((run) => (run.id === id ? fn(run) : run)),
  };
}

export function reduceAll(events: Iterable<EngineEvent>): Execution | null {
  let exec: Execution | null = null;
  for (const e of events) exec = reduceExecution(exec, e);
  return exec;
}
