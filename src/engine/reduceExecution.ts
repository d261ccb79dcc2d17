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
  const draft = new ExecutionDraft(exec, false);
  draft.apply(event);
  return draft.current;
}

/**
 * Folds a batch of events at once, as pure as `reduceExecution` (the snapshot
 * passed in is never mutated) but copying `logs` and `taskRunList` once per
 * batch instead of once per event: a batch of 10,000 log lines costs one copy
 * of the log array, not 10,000.
 */
export function reduceEvents(exec: Execution | null, events: Iterable<EngineEvent>): Execution | null {
  const draft = new ExecutionDraft(exec, false);
  for (const e of events) draft.apply(e);
  return draft.current;
}

export function reduceAll(events: Iterable<EngineEvent>): Execution | null {
  return reduceEvents(null, events);
}

/**
 * An execution being folded, copy-on-write: the first change to `logs`, to
 * `taskRunList` or to one task run since the last `seal()` copies it, later
 * ones change that copy in place. So nothing handed out before a `seal()` is
 * ever mutated, and a long run costs time linear in its events. The engine
 * keeps one draft per execution (with an index of task runs by id) and seals
 * it whenever it hands the snapshot out.
 */
export class ExecutionDraft {
  private exec: Execution | null;
  private ownExec = false;
  private ownLogs = false;
  private ownRuns = false;
  private readonly ownRun = new Set<string>();
  private readonly index: Map<string, number> | null;

  constructor(base: Execution | null, indexed = true) {
    this.exec = base;
    this.index = indexed ? new Map(base?.taskRunList.map((t, i) => [t.id, i])) : null;
  }

  /** The snapshot as folded so far (call seal() before handing it to code that keeps it). */
  get current(): Execution | null {
    return this.exec;
  }

  /** Everything handed out so far stays as it is: the next change copies again. */
  seal(): Execution | null {
    this.ownExec = this.ownLogs = this.ownRuns = false;
    this.ownRun.clear();
    return this.exec;
  }

  apply(event: EngineEvent): void {
    if (event.type === 'execution.created') {
      const e = event.execution;
      this.exec = {
        id: e.id,
        namespace: e.namespace,
        flowId: e.flowId,
        originalId: e.originalId,
        ...(e.parentId ? { parentId: e.parentId } : {}),
        state: e.state ?? withState(undefined, 'CREATED', event.at),
        labels: { ...e.labels },
        inputs: e.inputs,
        variables: e.variables,
        ...(e.trigger ? { trigger: e.trigger } : {}),
        taskRunList: [],
        logs: e.logs ? e.logs.slice() : [],
      };
      this.ownExec = this.ownLogs = this.ownRuns = true;
      this.ownRun.clear();
      this.index?.clear();
      return;
    }
    if (!this.exec) return;
    switch (event.type) {
      case 'execution.state':
        this.execution().state = withState(this.exec.state, event.state, event.at);
        return;
      case 'execution.labels':
        this.execution().labels = { ...this.exec.labels, ...event.labels };
        return;
      case 'execution.variables':
        this.execution().renderedVariables = event.variables;
        return;
      case 'execution.outputs':
        this.execution().outputs = { ...(this.exec.outputs ?? {}), ...event.outputs };
        return;
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
        const list = this.runs();
        this.index?.set(run.id, list.length);
        list.push(run);
        this.ownRun.add(run.id);
        return;
      }
      case 'taskrun.copied': {
        const t = event.taskRun;
        const run: TaskRun = { ...t, attempts: t.attempts.slice(), ...(t.metrics ? { metrics: t.metrics.slice() } : {}) };
        const list = this.runs();
        this.index?.set(run.id, list.length);
        list.push(run);
        this.ownRun.add(run.id);
        return;
      }
      case 'taskrun.metrics': {
        const run = this.taskRun(event.taskRunId);
        if (run) run.metrics = [...(run.metrics ?? []), ...event.metrics];
        return;
      }
      case 'taskrun.state': {
        const run = this.taskRun(event.taskRunId);
        if (!run) return;
        run.attempts = withAttemptState(run.attempts, event.state, event.at);
        run.state = withState(run.state, event.state, event.at);
        return;
      }
      case 'taskrun.attempt': {
        const run = this.taskRun(event.taskRunId);
        if (run) run.attempts = [...run.attempts, { state: withState(undefined, 'RUNNING', event.at) }];
        return;
      }
      case 'taskrun.outputs': {
        const run = this.taskRun(event.taskRunId);
        if (run) run.outputs = { ...(run.outputs ?? {}), ...event.outputs };
        return;
      }
      case 'log':
        this.logs().push({
          timestamp: event.at,
          level: event.level,
          taskId: event.taskId,
          taskRunId: event.taskRunId,
          message: event.message,
        });
        return;
    }
  }

  private execution(): Execution {
    if (!this.ownExec) {
      this.exec = { ...this.exec! };
      this.ownExec = true;
    }
    return this.exec!;
  }

  private logs() {
    const exec = this.execution();
    if (!this.ownLogs) {
      exec.logs = exec.logs.slice();
      this.ownLogs = true;
    }
    return exec.logs;
  }

  private runs(): TaskRun[] {
    const exec = this.execution();
    if (!this.ownRuns) {
      exec.taskRunList = exec.taskRunList.slice();
      this.ownRuns = true;
    }
    return exec.taskRunList;
  }

  /** The task run `id`, copied first unless this draft already owns it. */
  private taskRun(id: string): TaskRun | undefined {
    const list = this.exec!.taskRunList;
    let i = this.index ? (this.index.get(id) ?? -1) : -1;
    if (!this.index) {
      // recent task runs are at the end: search backwards
      for (let j = list.length - 1; j >= 0; j--) {
        if (list[j].id === id) {
          i = j;
          break;
        }
      }
    }
    if (i < 0 || list[i]?.id !== id) return undefined;
    if (this.ownRun.has(id) && this.ownRuns) return list[i];
    const runs = this.runs();
    runs[i] = { ...runs[i] };
    this.ownRun.add(id);
    return runs[i];
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
