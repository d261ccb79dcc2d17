import type { Flow, TaskSpec } from '../flow/Flow';
import type { EngineEvent, Labels, LogLevel } from '../model/events';
import type { Execution } from '../model/execution';
import type { StateType } from '../model/state';
import type { ExpressionContext, Pebble } from '../expressions/Pebble';
import { taskFileUri } from '../storage/storageUri';
import type { AttemptGuard, RenderInterrupts } from './AttemptGuard';
import type { EngineServices } from './EngineServices';
import type { ExecutionLimits } from './ExecutionLimits';
import type { ExecutionFacts, RunRef } from './expressionContext';
import type { RunOptions } from './runExecution';
import { childScope, type Scope } from './Scope';
import type { SecretMasker } from './SecretMasker';
import type { TaskContext } from './TaskContext';
import { waitForResume } from './waitForResume';

/** What one attempt's context reports back to the runner. */
export interface AttemptState {
  childStates: StateType[];
  warning: boolean;
  /** Set by tasks that decide their own final state (Pause: PAUSED, WARNING, FAILED, CANCELLED). */
  finalState: StateType | null;
}

/** The parts of ExecutionRunner a task context uses. */
export interface RunnerHost {
  readonly flow: Flow;
  readonly options: RunOptions;
  readonly services: EngineServices;
  readonly limits: ExecutionLimits;
  readonly pebble: Pebble;
  readonly interrupts: RenderInterrupts;
  readonly masker: SecretMasker;
  readonly facts: ExecutionFacts;
  readonly kill: AbortController;
  readonly chain: { runChild: (flow: Flow, options: RunOptions) => Promise<Execution> };
  readonly id: string;
  now(): string;
  emit(event: EngineEvent): void;
  log(level: LogLevel, message: string, runId: string | null, taskId: string | null): void;
  context(run: RunRef | null, scope: Scope): ExpressionContext;
  runList(tasks: TaskSpec[], scope: Scope): Promise<StateType>;
  countPaused(delta: number): void;
  setLabels(labels: Labels): void;
  currentExecution(): Execution;
}

/** The TaskContext of one attempt: renders on behalf of its guard, so a long template stops at the task's timeout. */
export function createTaskContext(host: RunnerHost, run: RunRef, scope: Scope, guard: AttemptGuard, state: AttemptState): TaskContext {
  const task = run.task;
  const runId = run.id;
  const vars = () => host.context(run, scope);
  const guarded = <T>(work: () => T): T => host.interrupts.within(guard, work);
  const setState = (s: StateType) => host.emit({ type: 'taskrun.state', at: host.now(), taskRunId: runId, state: s });
  return {
    task,
    taskRun: { id: runId, value: scope.value, iteration: scope.iteration, attempt: run.attempt },
    execution: { id: host.id, namespace: host.flow.namespace, flowId: host.flow.id },
    render: (t) => guarded(() => host.pebble.render(t, vars())),
    renderValue: (v) => guarded(() => host.pebble.renderValue(v, vars())),
    renderRecursive: (t) => guarded(() => host.pebble.renderRecursive(t, vars())),
    renderTyped: (t) => guarded(() => host.pebble.renderTyped(t, vars())),
    renderValueWith: (v, extra) =>
      guarded(() => {
        const c = vars();
        return host.pebble.renderValue(v, { ...c, taskrun: { ...(c.taskrun as Record<string, unknown>), ...extra } });
      }),
    variables: vars,
    log: (level, message) => host.log(level, message, runId, task.id),
    signal: guard.signal,
    services: host.services,
    limits: host.limits,
    workingDirectory: scope.workingDirectory,
    runChildren: async (tasks, opts = {}) => {
      const s = await host.runList(tasks, childScope(scope, runId, opts));
      state.childStates.push(s);
      return s;
    },
    setWarning: () => {
      state.warning = true;
    },
    setFinalState: (s) => {
      state.finalState = s;
    },
    pause: async (durationMs, onTimer) => {
      setState('PAUSED');
      host.countPaused(1);
      try {
        const result = await waitForResume({ control: host.options.control, clock: host.services.clock, taskRunId: runId, taskId: task.id, durationMs, timeoutMs: guard.timeoutMs, signal: guard.signal });
        if (result.resumedBy === 'never') state.finalState = 'PAUSED';
        else if (result.resumedBy === 'timer' && onTimer && onTimer !== 'RUNNING') state.finalState = onTimer;
        else setState('RUNNING');
        return result;
      } finally {
        host.countPaused(-1);
      }
    },
    storeFile: async (name, data) => {
      const uri = taskFileUri({ namespace: host.flow.namespace, flowId: host.flow.id, executionId: host.id, taskId: task.id, taskRunId: runId, name });
      await host.services.storage.put(uri, data);
      return uri;
    },
    readFile: (uri) => host.services.storage.get(uri.replace(/^kestra:\/\/(?!\/)/, 'kestra:///')),
    setLabels: (labels) => host.setLabels(labels),
    setVariables: (values, overwrite = true) => {
      for (const [k, v] of Object.entries(values)) {
        if (!overwrite && k in host.facts.variables) throw new Error(`The variable \`${k}\` already exists (set overwrite: true to replace it)`);
        host.facts.variables[k] = v;
      }
    },
    unsetVariables: (names) => {
      for (const n of names) delete host.facts.variables[n];
    },
    currentExecution: () => host.currentExecution(),
    runFlow: (flow, options) => host.chain.runChild(flow, options),
    maskSecret: (value) => host.masker.add(value),
    metric: (type, name, value, tags = {}) => {
      const at = host.now();
      host.emit({ type: 'taskrun.metrics', at, taskRunId: runId, metrics: [{ name, type, value, tags, timestamp: at }] });
    },
    dynamicTaskRun: (taskId, taskType, value = null) => {
      const id = host.services.newId();
      host.emit({ type: 'taskrun.created', at: host.now(), taskRun: { id, taskId, taskType, parentTaskRunId: runId, value, iteration: scope.iteration } });
      return {
        id,
        setState: (s) => host.emit({ type: 'taskrun.state', at: host.now(), taskRunId: id, state: s }),
        log: (level, message) => host.log(level, message, id, taskId),
        setOutputs: (outputs) => host.emit({ type: 'taskrun.outputs', at: host.now(), taskRunId: id, outputs }),
      };
    },
  };
}
