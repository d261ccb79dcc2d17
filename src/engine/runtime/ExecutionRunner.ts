import type { Flow, TaskSpec } from '../flow/Flow';
import type { EngineEvent, Labels, LogLevel } from '../model/events';
import type { Execution } from '../model/execution';
import { finalStateOf, type StateType } from '../model/state';
import { expressionServices } from './expressionServices';
import { Pebble, type ExpressionContext } from '../expressions/Pebble';
import { ExecutionDraft } from '../reduceExecution';
import { taskDefinition } from '../tasks/registry';
import type { TaskDefinition } from '../tasks/TaskDefinition';
import { applyPluginDefaults } from './applyPluginDefaults';
import { isTruthy } from './isTruthy';
import { normalizeLabels } from './normalizeLabels';
import type { EngineServices } from './EngineServices';
import { systemClock } from './Clock';
import { raceAbort } from './raceAbort';
import { randomId } from './ids';
import { MemoryStorage } from '../storage/MemoryStorage';
import { parseOptionalDuration } from './parseDuration';
import { parseRetry, type RetryPolicy } from './retryPolicy';
import type { RunOptions } from './runExecution';
import { childScope, ROOT, type Scope } from './Scope';
import { AttemptGuard, RenderInterrupts } from './AttemptGuard';
import { retryLoop, newExecutionDelay, type AttemptResult } from './retryLoop';
import { maskEvent, SecretMasker } from './SecretMasker';
import { expressionContext, recordOutputs, type ExecutionFacts, type RunRef } from './expressionContext';
import { renderFlowOutputs, renderFlowVariables } from './flowEnd';
import { createTaskContext, type AttemptState } from './createTaskContext';
import { DEFAULT_EXECUTION_LIMITS, type ExecutionLimits } from './ExecutionLimits';
import { capLogLine, outputsTooBig } from './capOutput';
import { limitedStorage } from './limitedStorage';
import { taskFileUri } from '../storage/storageUri';
import type { TaskRun } from '../model/execution';
import { loopValuesOf } from './StartingPoint';

/** What runExecution tells a runner beyond RunOptions (a retried execution is a new runner). */
export interface RunnerChain {
  /** 1 for the first execution, 2 for the one CREATE_NEW_EXECUTION made after it, … */
  attemptNumber: number;
  originalId?: string;
  /** When the first execution of the chain started (ms), for retry.maxDuration. */
  chainStart?: number;
  /** Starts another execution (a Subflow's); injected so this file does not import runExecution. */
  runChild: (flow: Flow, options: RunOptions) => Promise<Execution>;
}

/**
 * One execution of one flow, following Kestra's rules: tasks of a list run in
 * order and the first failure stops the list; `errors` run after a failure
 * (the execution still ends FAILED); `finally` always runs; runIf, disabled,
 * allowFailure / allowWarning, retry (retryLoop.ts), timeout (AttemptGuard.ts),
 * pause (waitForResume.ts) and kill. Each task run's context is built in
 * createTaskContext.ts; flow outputs and variables in flowEnd.ts.
 */
export class ExecutionRunner {
  readonly services: EngineServices;
  readonly limits: ExecutionLimits;
  readonly pebble: Pebble;
  readonly interrupts: RenderInterrupts;
  readonly masker: SecretMasker;
  /** The execution folded from every event so far (in place: sealed when handed out). */
  private readonly draft = new ExecutionDraft(null);
  readonly facts: ExecutionFacts;
  /** Aborted on kill (options.signal or control.kill()). */
  readonly kill = new AbortController();
  /** Signals of the attempts running now; a kill aborts them all. */
  readonly attempts = new Set<AbortController>();
  private readonly flowRetry: RetryPolicy | null;
  private flowRetryError: string | null = null;
  private longLines = 0;
  private pausedCount = 0;
  private retryingCount = 0;
  private ended = false;
  /** Set when a task run ends CANCELLED (Pause behavior CANCEL): the execution ends CANCELLED. */
  private cancelled = false;
  /** Set when a task failed under CREATE_NEW_EXECUTION: the delay before the next execution. */
  retryNewExecutionAfterMs: number | null = null;
  /** Restart / Replay: the kept task runs not yet met again, by parent task run, task id and value. */
  private readonly keptRuns = new Map<string, TaskRun[]>();

  constructor(
    readonly flow: Flow,
    readonly options: RunOptions,
    readonly chain: RunnerChain,
  ) {
    const given: EngineServices = { clock: systemClock, newId: randomId, storage: new MemoryStorage(), kv: new Map(), secrets: {}, ...options.services };
    this.limits = { ...DEFAULT_EXECUTION_LIMITS, ...given.limits };
    // what this execution writes to internal storage counts against its limit
    this.services = { ...given, storage: limitedStorage(given.storage, this.limits.storageBytes) };
    this.masker = new SecretMasker();
    const base = expressionServices(this.services);
    this.interrupts = new RenderInterrupts(() => this.killRequested());
    this.pebble = new Pebble(
      {
        ...base,
        // a value secret() gave is masked from then on, in logs and outputs
        secret: (key) => {
          const value = base.secret?.(key);
          this.masker.add(value);
          return value;
        },
        errorLogs: () =>
          (this.snapshot?.logs ?? [])
            .filter((l) => l.level === 'ERROR')
            .map((l) => ({ taskId: l.taskId, taskRunId: l.taskRunId, level: l.level, message: l.message, timestamp: l.timestamp, executionId: this.id, namespace: this.flow.namespace, flowId: this.flow.id })),
        newId: () => this.services.newId(),
      },
      { interrupt: this.interrupts.interrupt },
    );
    const start = options.start?.execution;
    const inputs = start ? start.inputs : (options.inputs ?? {});
    for (const spec of flow.inputs ?? []) if (spec && String(spec.type).toUpperCase() === 'SECRET') this.masker.add(inputs[spec.id]);
    const id = start?.id ?? options.executionId ?? this.services.newId();
    this.facts = {
      flow,
      id,
      originalId: start?.originalId ?? chain.originalId ?? id,
      startDate: '',
      inputs,
      outputs: {},
      labels: start ? { ...start.labels } : { ...normalizeLabels(flow.labels), ...(options.labels ?? {}) },
      trigger: options.trigger ?? options.executionTrigger?.variables ?? start?.trigger?.variables,
      variables: { ...(flow.variables ?? {}) },
      envs: {},
      globals: {},
    };
    let flowRetry: RetryPolicy | null = null;
    try {
      flowRetry = parseRetry(flow.retry as Record<string, unknown> | undefined);
    } catch (e) {
      this.flowRetryError = (e as Error).message;
    }
    this.flowRetry = flowRetry;
    for (const outer of [options.signal, options.control?.signal]) {
      if (!outer) continue;
      if (outer.aborted) this.kill.abort();
      else outer.addEventListener('abort', () => this.kill.abort(), { once: true });
    }
    this.kill.signal.addEventListener(
      'abort',
      () => {
        for (const a of this.attempts) a.abort();
      },
      { once: true },
    );
  }

  get id(): string {
    return this.facts.id;
  }

  now(): string {
    return this.services.clock.now().toISOString();
  }

  /** Every event goes out with secrets masked (log lines, outputs, inputs). */
  emit(event: EngineEvent): void {
    const e = this.masker.empty ? event : maskEvent(event, this.masker);
    this.draft.apply(e);
    this.options.emit?.(e);
  }

  private get snapshot(): Execution | null {
    return this.draft.current;
  }

  get killed(): boolean {
    return this.kill.signal.aborted;
  }

  /** A kill the host signals without the event loop (options.interrupt), seen from inside a long render. */
  private killRequested(): boolean {
    if (!this.killed && this.options.interrupt?.()) this.kill.abort();
    return this.killed;
  }

  private setExecutionState(state: StateType): void {
    if (this.snapshot?.state.current === state) return;
    this.emit({ type: 'execution.state', at: this.now(), state });
  }

  /** RUNNING, or PAUSED / RETRYING while a task run waits; KILLING once killed. */
  refreshExecutionState(): void {
    if (this.killed || this.ended) return;
    this.setExecutionState(this.pausedCount > 0 ? 'PAUSED' : this.retryingCount > 0 ? 'RETRYING' : 'RUNNING');
  }

  /** A task run starts (+1) or stops (-1) waiting in PAUSED. */
  countPaused(delta: number): void {
    this.pausedCount += delta;
    this.refreshExecutionState();
  }

  async run(): Promise<Execution> {
    this.facts.startDate = this.now();
    this.emit({
      type: 'execution.created',
      at: this.facts.startDate,
      execution: {
        id: this.id,
        namespace: this.flow.namespace,
        flowId: this.flow.id,
        inputs: this.facts.inputs,
        labels: this.facts.labels,
        variables: this.flow.variables ?? {},
        originalId: this.facts.originalId,
        ...(this.options.executionTrigger ? { trigger: this.options.executionTrigger } : {}),
        ...this.startingEventFields(),
      },
    });
    this.copyKeptTaskRuns();
    const onKill = () => {
      if (!this.ended) this.setExecutionState('KILLING');
    };
    this.kill.signal.addEventListener('abort', onKill, { once: true });
    if (this.killed) onKill();

    const admission = this.options.admission;
    if (admission) {
      let decision;
      try {
        decision = await admission.enter(this.id, () => this.setExecutionState('QUEUED'), this.kill.signal);
      } catch {
        return this.end('KILLED');
      }
      if (decision !== 'RUN') {
        const limit = this.flow.concurrency?.limit;
        this.log('WARN', `Concurrency limit of ${limit} reached for flow ${this.flow.namespace}.${this.flow.id}: the execution is ${decision}`, null, null);
        return this.end(decision);
      }
    }
    try {
      return await this.runAdmitted();
    } finally {
      admission?.leave(this.id);
    }
  }

  private async runAdmitted(): Promise<Execution> {
    if (this.killed) return this.end('KILLED');
    this.setExecutionState('RUNNING');
    if (this.flowRetryError) {
      this.log('ERROR', `Flow retry: ${this.flowRetryError}`, null, null);
      return this.end('FAILED');
    }

    const main = await this.runList(this.flow.tasks ?? [], ROOT);
    if (this.stopped(main)) return this.endStopped(main);
    const states = [main];
    if (main === 'FAILED' && this.flow.errors?.length && !this.killed) {
      await this.runList(this.flow.errors, ROOT);
    }
    if (this.flow.finally?.length && !this.killed) {
      states.push(await this.runList(this.flow.finally, ROOT));
    }
    let final = this.killed ? 'KILLED' : finalStateOf(states);
    if (final === 'SUCCESS' || final === 'WARNING') {
      const rendered = renderFlowOutputs(this.flow, (v) => this.pebble.renderValue(v, this.context(null, ROOT)));
      if ('error' in rendered) {
        this.log('ERROR', rendered.error, null, null);
        final = 'FAILED';
      } else if (rendered.outputs) {
        this.emit({ type: 'execution.outputs', at: this.now(), outputs: rendered.outputs });
      }
    }
    await this.runAfterExecution(final);
    return this.end(final);
  }

  /** Paused for good, cancelled, or handed to a new execution: nothing else runs. */
  private stopped(state: StateType): boolean {
    return !this.killed && (this.cancelled || this.retryNewExecutionAfterMs !== null || state === 'PAUSED');
  }

  private endStopped(state: StateType): Execution {
    if (this.cancelled) return this.end('CANCELLED');
    if (this.retryNewExecutionAfterMs !== null) return this.end('RETRIED');
    return this.end(state);
  }

  /**
   * Kestra 1.x's flow-level `afterExecution`: tasks that run once the
   * execution's state is known (`{{ execution.state }}`), without changing
   * it (Kestra docs: workflow-components/afterexecution). Kestra 0.20 has no
   * such property: there the validator names it.
   */
  private async runAfterExecution(final: StateType): Promise<void> {
    const tasks = this.flow.afterExecution;
    if (!Array.isArray(tasks) || !tasks.length || this.killed) return;
    this.facts.state = final;
    await this.runList(tasks as TaskSpec[], ROOT);
  }

  private end(state: StateType): Execution {
    const vars = renderFlowVariables(this.flow, (t) => this.pebble.renderRecursive(t, this.context(null, ROOT)));
    if (vars) this.emit({ type: 'execution.variables', at: this.now(), variables: vars });
    if (state === 'KILLED' && this.snapshot?.state.current !== 'KILLING') this.setExecutionState('KILLING');
    this.ended = true;
    this.setExecutionState(state);
    return this.draft.seal()!;
  }

  /** Runs tasks in order; stops at the first failure, pause for good, or kill. Returns the list's state. */
  async runList(tasks: TaskSpec[], scope: Scope): Promise<StateType> {
    const states: StateType[] = [];
    for (const raw of tasks) {
      if (!raw || raw.disabled === true) continue;
      if (this.killed) {
        states.push('KILLED');
        break;
      }
      const state = await this.runTask(raw, scope);
      states.push(state);
      if (state === 'FAILED' || state === 'KILLED' || this.stopped(state)) break;
    }
    if (this.killed) states.push('KILLED');
    return finalStateOf(states);
  }

  context(run: RunRef | null, scope: Scope): ExpressionContext {
    if (this.snapshot) this.facts.labels = this.snapshot.labels;
    return expressionContext(this.facts, run, scope);
  }

  /** A log line; one longer than limits.logLineChars is cut, the whole line kept as a file in internal storage (capLogLine.ts). */
  log(level: LogLevel, message: string, runId: string | null, taskId: string | null): void {
    const text = capLogLine(message, this.limits.logLineChars, () => {
      const uri = taskFileUri({ namespace: this.flow.namespace, flowId: this.flow.id, executionId: this.id, taskId: taskId ?? 'execution', taskRunId: runId ?? this.id, name: `log-line-${++this.longLines}.txt` });
      this.services.storage.put(uri, new TextEncoder().encode(this.masker.mask(message))).catch(() => undefined);
      return uri;
    });
    this.emit({ type: 'log', at: this.now(), level, message: text, taskRunId: runId, taskId });
  }

  private async runTask(raw: TaskSpec, scope: Scope): Promise<StateType> {
    const task = applyPluginDefaults(raw, this.flow.pluginDefaults);
    // Restart / Replay: a kept task run is done (its state stands), or runs again under its own id
    const kept = this.takeKeptRun(task.id, scope);
    if (kept && !this.options.start?.rerun.has(kept.id)) {
      if (kept.outputs && Object.keys(kept.outputs).length) recordOutputs(this.facts.outputs, task.id, scope.values, kept.outputs);
      return kept.state.current;
    }
    const runId = kept?.id ?? this.services.newId();
    const created = kept?.state.histories[0]?.date ?? this.now();
    if (!kept) {
      this.emit({
        type: 'taskrun.created',
        at: created,
        taskRun: { id: runId, taskId: task.id, taskType: task.type, parentTaskRunId: scope.parentRunId, value: scope.value, iteration: scope.iteration },
      });
    }
    const setState = (state: StateType) => this.emit({ type: 'taskrun.state', at: this.now(), taskRunId: runId, state });
    const log = (level: LogLevel, message: string) => this.log(level, message, runId, task.id);
    // a restarted task run's attempts go on from its earlier ones (Kestra keeps them: TaskRun#forChildExecution)
    const earlierAttempts = kept?.attempts.length ?? 0;
    const run: RunRef = { task, id: runId, start: created, attempt: earlierAttempts + 1 };

    // runIf is rendered just before the task would start
    if (task.runIf !== undefined && task.runIf !== null) {
      let go: boolean;
      try {
        go = isTruthy(this.pebble.render(String(task.runIf), this.context(run, scope)));
      } catch (e) {
        log('ERROR', `Unable to evaluate the runIf condition: ${(e as Error).message}`);
        return this.finish('FAILED', task, setState);
      }
      if (!go) {
        setState('SKIPPED');
        return 'SKIPPED';
      }
    }

    const def = taskDefinition(task.type);
    if (kept?.state.current !== 'RUNNING') setState('RUNNING');
    if (!def) {
      this.emit({ type: 'taskrun.attempt', at: this.now(), taskRunId: runId, attempt: 1 });
      log('ERROR', `Unknown task type \`${task.type}\``);
      return this.finish('FAILED', task, setState);
    }

    let timeoutMs: number | undefined;
    let retry: RetryPolicy | null = null;
    try {
      timeoutMs = def.branches && !def.ownTimeout ? undefined : parseOptionalDuration(task.timeout);
      // a task's own retry, else the nearest flowable parent's, else the flow's (ExecutorService#handleRetryTask)
      retry = task.retry ? parseRetry(task.retry) : def.flowable ? null : (scope.retry ?? this.flowRetry);
    } catch (e) {
      if (!def.flowable) this.emit({ type: 'taskrun.attempt', at: this.now(), taskRunId: runId, attempt: 1 });
      log('ERROR', (e as Error).message);
      return this.finish('FAILED', task, setState);
    }

    let result: AttemptResult;
    if (def.flowable) {
      result = await this.runFlowable(def, task, run, scope, timeoutMs, retry);
    } else if (retry?.behavior === 'CREATE_NEW_EXECUTION') {
      this.emit({ type: 'taskrun.attempt', at: this.now(), taskRunId: runId, attempt: 1 });
      result = await this.runAttempt(def, run, scope, timeoutMs);
      const started = this.chain.chainStart ?? Date.parse(this.facts.startDate);
      const delay = this.killed ? null : newExecutionDelay(result, retry, this.chain.attemptNumber, this.services.clock.now().getTime() - started);
      if (delay !== null) {
        this.retryNewExecutionAfterMs = delay;
        result = { ...result, state: 'RETRIED' };
      }
    } else {
      result = await retryLoop(
        retry,
        {
          clock: this.services.clock,
          killSignal: this.kill.signal,
          setState,
          log,
          startAttempt: (attempt) => this.emit({ type: 'taskrun.attempt', at: this.now(), taskRunId: runId, attempt: earlierAttempts + attempt }),
          waiting: (on) => {
            this.retryingCount += on ? 1 : -1;
            this.refreshExecutionState();
          },
        },
        (attempt) => this.runAttempt(def, { ...run, attempt: earlierAttempts + attempt }, scope, timeoutMs),
      );
    }
    const tooBig = result.state === 'FAILED' || result.state === 'KILLED' ? null : outputsTooBig(result.outputs, this.limits.outputBytes);
    if (tooBig) {
      log('ERROR', tooBig);
      result = { state: 'FAILED' };
    }
    if (result.outputs && Object.keys(result.outputs).length) {
      recordOutputs(this.facts.outputs, task.id, scope.values, result.outputs);
      this.emit({ type: 'taskrun.outputs', at: this.now(), taskRunId: runId, outputs: result.outputs });
    }
    if (result.state === 'KILLED') setState('KILLING');
    if (result.state === 'CANCELLED') this.cancelled = true;
    return this.finish(result.state, task, setState);
  }

  /**
   * A flowable task: its own work, then local `errors` after a failure and
   * local `finally`. A `retry` on it is its children's (they retry their
   * failed task runs with it, ExecutorService#handleRetryTask).
   */
  private async runFlowable(def: TaskDefinition, task: TaskSpec, run: RunRef, scope: Scope, timeoutMs: number | undefined, retry: RetryPolicy | null): Promise<AttemptResult> {
    const inner: Scope = retry ? { ...scope, retry } : scope;
    const result = await this.runAttempt(def, run, inner, timeoutMs);
    if (this.stopped(result.state)) return result;
    const local = childScope(inner, run.id, {});
    const errors = Array.isArray(task.errors) ? (task.errors as TaskSpec[]) : [];
    if (result.state === 'FAILED' && errors.length && !this.killed) await this.runList(errors, local);
    const fin = Array.isArray(task.finally) ? (task.finally as TaskSpec[]) : [];
    if (fin.length && !this.killed) result.state = finalStateOf([result.state, await this.runList(fin, local)]);
    return result;
  }

  /** One try of a task, under a guard that aborts on kill or timeout (also from inside a long render). */
  private async runAttempt(def: TaskDefinition, run: RunRef, scope: Scope, timeoutMs: number | undefined): Promise<AttemptResult> {
    const guard = new AttemptGuard(this.services.clock, timeoutMs);
    this.attempts.add(guard.controller);
    if (this.killed) guard.controller.abort();
    const state: AttemptState = { childStates: [], warning: false, finalState: null };
    const ctx = createTaskContext(this, run, scope, guard, state);
    try {
      // flowables wait for their children, which stop on their own; other tasks are cut off at once
      const work = def.run(ctx);
      const outputs = (def.flowable ? await work : await raceAbort(work, guard.signal)) ?? undefined;
      if (this.killed) return { state: 'KILLED', outputs };
      if (guard.timedOut) throw new Error(guard.timeoutMessage);
      let final: StateType = state.finalState ?? (state.childStates.length ? finalStateOf(state.childStates) : 'SUCCESS');
      if (state.warning && final === 'SUCCESS') final = 'WARNING';
      return { state: final, outputs };
    } catch (e) {
      if (guard.timedOut) {
        // Kestra logs the TimeoutExceededException's message, then its stack trace at TRACE (RunContextLogger#logEntries)
        this.log('ERROR', guard.timeoutMessage, run.id, run.task.id);
        this.log('TRACE', `io.kestra.core.exceptions.TimeoutExceededException: ${guard.timeoutMessage}`, run.id, run.task.id);
        return { state: 'FAILED' };
      }
      if (this.killed) return { state: 'KILLED' };
      this.log('ERROR', (e as Error)?.message || String(e), run.id, run.task.id);
      return { state: 'FAILED' };
    } finally {
      guard.dispose();
      this.attempts.delete(guard.controller);
    }
  }

  private finish(state: StateType, task: TaskSpec, setState: (s: StateType) => void): StateType {
    const s = allowed(state, task);
    setState(s);
    return s;
  }

  /** Restart / Replay: what execution.created carries beyond a new run's fields (the state it starts from, its logs). */
  private startingEventFields(): { parentId?: string; state?: Execution['state']; logs?: Execution['logs']; trigger?: Execution['trigger'] } {
    const start = this.options.start?.execution;
    if (!start) return {};
    return { ...(start.parentId ? { parentId: start.parentId } : {}), ...(start.trigger && !this.options.executionTrigger ? { trigger: start.trigger } : {}), state: start.state, logs: start.logs };
  }

  /** Restart / Replay: the kept task runs go in as they were; their outputs count (`outputs.x`) as before. */
  private copyKeptTaskRuns(): void {
    const start = this.options.start;
    if (!start) return;
    const runs = start.execution.taskRunList;
    const byId = new Map(runs.map((r) => [r.id, r]));
    for (const r of runs) {
      this.emit({ type: 'taskrun.copied', at: this.now(), taskRun: r });
      const key = keptRunKey(r.parentTaskRunId, r.taskId, r.value);
      const list = this.keptRuns.get(key);
      if (list) list.push(r);
      else this.keptRuns.set(key, [r]);
      if (!start.rerun.has(r.id) && r.outputs && Object.keys(r.outputs).length) recordOutputs(this.facts.outputs, r.taskId, loopValuesOf(byId, r), r.outputs);
    }
  }

  /** The kept task run of this task at this place, if there is one not met yet. */
  private takeKeptRun(taskId: string, scope: Scope): TaskRun | undefined {
    if (!this.keptRuns.size) return undefined;
    const list = this.keptRuns.get(keptRunKey(scope.parentRunId, taskId, scope.value));
    return list?.shift();
  }

  /** The execution as it is now (sealed: later events do not change what the caller holds). */
  currentExecution(): Execution {
    return this.draft.seal()!;
  }

  /** Adds labels (Labels task, a Subflow's labels). */
  setLabels(labels: Labels): void {
    this.facts.labels = { ...this.facts.labels, ...labels };
    this.emit({ type: 'execution.labels', at: this.now(), labels });
  }
}

/** allowFailure turns FAILED into WARNING; allowWarning turns WARNING into SUCCESS. */
function allowed(state: StateType, task: TaskSpec): StateType {
  let s = state;
  if (s === 'FAILED' && task.allowFailure === true) s = 'WARNING';
  if (s === 'WARNING' && task.allowWarning === true) s = 'SUCCESS';
  return s;
}

function keptRunKey(parentTaskRunId: string | null, taskId: string, value: string | null): string {
  return `${parentTaskRunId ?? ''}\u0000${taskId}\u0000${value ?? ''}`;
}
