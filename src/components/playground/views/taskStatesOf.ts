import type { Execution, StateType } from '../../../engine';

export interface TaskStateSummary {
  /** State of the task's latest task run. */
  state: StateType;
  /** How many task runs the task had (a ForEach child runs once per value). */
  runs: number;
}

/** Per task id, the state of its latest task run and its run count. */
export function taskStatesOf(execution: Execution | null): Map<string, TaskStateSummary> {
  const out = new Map<string, TaskStateSummary>();
  for (const run of execution?.taskRunList ?? []) {
    const prev = out.get(run.taskId);
    out.set(run.taskId, { state: run.state.current, runs: (prev?.runs ?? 0) + 1 });
  }
  return out;
}
