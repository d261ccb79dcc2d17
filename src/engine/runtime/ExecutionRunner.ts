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
import type { ChildRunOptions, PauseResult, TaskContext } from './TaskContext';
import { abortError, systemClock } from './Clock';
import { randomId } from './ids';
import { MemoryStorage } from '../storage/MemoryStorage';
import { taskFileUri } from '../storage/storageUri';
import { parseOptionalDuration } from './parseDuration';
import { hmsDuration, javaDurationString } from './formatDuration';
import { parseRetry, RETRY_SAFETY_CAP, type RetryPolicy } from './retryPolicy';
import { raceAbort } from './raceAbort';
import type { RunOptions } from './runExecution';

interface Scope {
  parentRunId: string | null;
  value: string | null;
  iteration: number | null;
  /** Parent task runs, innermost first, for `parent` / `parents`. */
  parents: { taskrun: { value: string | null } }[];
}

interface AttemptResult {
  state: StateType;
  outputs?: Record<string, unknown>;
}

const ROOT: Scope = { parentRunId: null, value: null, iteration: null, parents: [] };

/**
 * One execution of one flow, following Kestra's rules: tasks of a list run in
 * order and the first failure stops the list; `errors` run after a failure
 * (the execution still ends FAILED); `finally` always runs; runIf, disabled,
 * allowFailure / allowWarning, retry, timeout, pause and kill.
 */
export class ExecutionRunner {
  private readonly services: EngineServices;
  private readonly pebble: Pebble;
  /** The execution folded from every event so far (in place: sealed when handed out). */
  private readonly draft = new ExecutionDraft(null);
  private readonly outputs: Record<string, unknown> = {};
  private labels: Labels;
  private readonly id: string;
  private startDate = '';
  /** Aborted on kill (options.signal or control.kill()). */
  private readonly kill = new AbortController();
  /** Signals of the attempts running now; a kill aborts them all. */
  private readonly attempts = new Set<AbortController>();
  private pausedCount = 0;
  private retryingCount = 0;
  private ended = false;

  constructor(
    private readonly flow: Flow,
    private readonly options: RunOptions,
  ) {
    this.services = { clock: systemClock, newId: randomId, storage: new MemoryStorage(), kv: new Map(), secrets: {}, ...options.services };
    this.pebble = new Pebble(expressionServices(this.services));
    this.labels = { ...normalizeLabels(flow.labels), ...(options.labels ?? {}) };
    this.id = options.executionId ?? this.services.newId();
    for (const outer of [options.signal, options.control?.signal]) {
      if (!outer) continue;
      if (outer.aborted) this.kill.abort();
      else outer.addEventListener('abort', () => this.kill.abort(), { once: true });
    }
    this.kill.signal.addEventListener('abort', () => {
      for (const a of this.attempts) a.abort();
    }, { once: true });
  }

  private now(): string {
    return this.services.clock.now().toISOString();
  }

  private emit(event: EngineEvent): void {
    this.draft.apply(event);
    this.options.emit?.(event);
  }

  private get snapshot(): Execution | null {
    return this.draft.current;
  }

  private get killed(): boolean {
    return this.kill.signal.aborted;
  }

  private setExecutionState(state: StateType): void {
    if (this.snapshot?.state.current === state) return;
    this.emit({ type: 'execution.state', at: this.now(), state });
  }

  /** RUNNING, or PAUSED / RETRYING while a task run waits; KILLING once killed. */
  private refreshExecutionState(): void {
    if (this.killed || this.ended) return;
    this.setExecutionState(this.pausedCount > 0 ? 'PAUSED' : this.retryingCount > 0 ? 'RETRYING' : 'RUNNING');
  }

  async run(): Promise<Execution> {
    const inputs = this.options.inputs ?? {};
    this.startDate = this.now();
    this.emit({
      type: 'execution.created',
      at: this.startDate,
      execution: {
        id: this.id,
        namespace: this.flow.namespace,
        flowId: this.flow.id,
        inputs,
        labels: this.labels,
        variables: this.flow.variables ?? {},
        originalId: this.id,
      },
    });
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

    const main = await this.runList(this.flow.tasks ?? [], ROOT);
    const states = [main];
    if (main === 'FAILED' && this.flow.errors?.length && !this.killed) {
      await this.runList(this.flow.errors, ROOT);
    }
    if (this.flow.finally?.length && !this.killed) {
      states.push(await this.runList(this.flow.finally, ROOT));
    }
    let final = this.killed ? 'KILLED' : finalStateOf(states);
    if (final === 'SUCCESS' || final === 'WARNING') {
      if (!this.renderFlowOutputs()) final = 'FAILED';
    }
    return this.end(final);
  }

  private end(state: StateType): Execution {
    this.renderVariables();
    if (state === 'KILLED' && this.snapshot?.state.current !== 'KILLING') this.setExecutionState('KILLING');
    this.ended = true;
    this.setExecutionState(state);
    return this.draft.seal()!;
  }

  /**
   * The flow's variables as `render()` would give them at the end of the run,
   * for the Overview (Kestra itself never renders them by itself); a variable
   * that cannot be rendered shows why.
   */
  private renderVariables(): void {
    const vars = this.flow.variables;
    if (!vars || typeof vars !== 'object' || !Object.keys(vars).length) return;
    const ctx = this.expressionContext(null, ROOT);
    const rendered: Record<string, string> = {};
    for (const [name, value] of Object.entries(vars)) {
      try {
        rendered[name] = typeof value === 'string' ? this.pebble.renderRecursive(value, ctx) : JSON.stringify(value);
      } catch (e) {
        rendered[name] = `⚠ ${(e as Error).message}`;
      }
    }
    this.emit({ type: 'execution.variables', at: this.now(), variables: rendered });
  }

  /** Flow-level `outputs: [{id, type, value}]`; false when one cannot be rendered. */
  private renderFlowOutputs(): boolean {
    const specs = this.flow.outputs;
    if (!Array.isArray(specs) || !specs.length) return true;
    const out: Record<string, unknown> = {};
    const ctx = this.expressionContext(null, ROOT);
    for (const spec of specs as { id?: unknown; value?: unknown }[]) {
      if (!spec || typeof spec.id !== 'string') continue;
      try {
        out[spec.id] = this.pebble.renderValue(spec.value, ctx);
      } catch (e) {
        this.log('ERROR', `Unable to render the flow output \`${spec.id}\`: ${(e as Error).message}`, null, null);
        return false;
      }
    }
    this.emit({ type: 'execution.outputs', at: this.now(), outputs: out });
    return true;
  }

  /** Runs tasks in order; stops at the first failure or kill. Returns the list's state. */
  private async runList(tasks: TaskSpec[], scope: Scope): Promise<StateType> {
    const states: StateType[] = [];
    for (const raw of tasks) {
      if (!raw || raw.disabled === true) continue;
      if (this.killed) {
        states.push('KILLED');
        break;
      }
      const state = await this.runTask(raw, scope);
      states.push(state);
      if (state === 'FAILED' || state === 'KILLED') break;
    }
    if (this.killed) states.push('KILLED');
    return finalStateOf(states);
  }

  private expressionContext(run: { task: TaskSpec; id: string; start: string; attempt: number } | null, scope: Scope): ExpressionContext {
    const ctx: ExpressionContext = {
      flow: { id: this.flow.id, namespace: this.flow.namespace, revision: 1 },
      execution: { id: this.id, startDate: this.startDate, originalId: this.id },
      inputs: this.snapshot?.inputs ?? {},
      vars: this.flow.variables ?? {},
      outputs: this.outputs,
      labels: { ...this.labels },
      envs: {},
      globals: {},
    };
    if (run) {
      ctx.task = { id: run.task.id, type: run.task.type };
      ctx.taskrun = {
        id: run.id,
        startDate: run.start,
        attemptsCount: run.attempt - 1,
        parentId: scope.parentRunId,
        value: scope.value,
        iteration: scope.iteration,
      };
    }
    if (scope.parents.length) {
      ctx.parent = scope.parents[0];
      ctx.parents = scope.parents;
    }
    if (this.options.trigger) ctx.trigger = this.options.trigger;
    return ctx;
  }

  private log(level: LogLevel, message: string, runId: string | null, taskId: string | null): void {
    this.emit({ type: 'log', at: this.now(), level, message, taskRunId: runId, taskId });
  }

  private async runTask(raw: TaskSpec, scope: Scope): Promise<StateType> {
    const task = applyPluginDefaults(raw, this.flow.pluginDefaults);
    const runId = this.services.newId();
    const created = this.now();
    this.emit({
      type: 'taskrun.created',
      at: created,
      taskRun: { id: runId, taskId: task.id, taskType: task.type, parentTaskRunId: scope.parentRunId, value: scope.value, iteration: scope.iteration },
    });
    const setState = (state: StateType) => this.emit({ type: 'taskrun.state', at: this.now(), taskRunId: runId, state });
    const log = (level: LogLevel, message: string) => this.log(level, message, runId, task.id);
    const run = { task, id: runId, start: created, attempt: 1 };

    // runIf is rendered just before the task would start
    if (task.runIf !== undefined && task.runIf !== null) {
      let go: boolean;
      try {
        go = isTruthy(this.pebble.render(String(task.runIf), this.expressionContext(run, scope)));
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
    setState('RUNNING');
    if (!def) {
      this.emit({ type: 'taskrun.attempt', at: this.now(), taskRunId: runId, attempt: 1 });
      log('ERROR', `Unknown task type \`${task.type}\``);
      return this.finish('FAILED', task, setState);
    }

    let timeoutMs: number | undefined;
    let retry: RetryPolicy | null = null;
    try {
      timeoutMs = def.branches ? undefined : parseOptionalDuration(task.timeout);
      retry = def.flowable ? null : parseRetry(task.retry);
    } catch (e) {
      if (!def.flowable) this.emit({ type: 'taskrun.attempt', at: this.now(), taskRunId: runId, attempt: 1 });
      log('ERROR', (e as Error).message);
      return this.finish('FAILED', task, setState);
    }

    let result: AttemptResult;
    if (def.flowable) {
      result = await this.runFlowable(def, task, run, scope, timeoutMs);
    } else {
      result = await this.runWithRetry(def, task, run, scope, timeoutMs, retry, setState, log);
    }
    if (result.outputs && Object.keys(result.outputs).length) {
      this.recordOutputs(task.id, scope.value, result.outputs);
      this.emit({ type: 'taskrun.outputs', at: this.now(), taskRunId: runId, outputs: result.outputs });
    }
    if (result.state === 'KILLED') setState('KILLING');
    return this.finish(result.state, task, setState);
  }

  /** A flowable task: its own work, then local `errors` after a failure and local `finally`. */
  private async runFlowable(def: TaskDefinition, task: TaskSpec, run: { task: TaskSpec; id: string; start: string; attempt: number }, scope: Scope, timeoutMs: number | undefined): Promise<AttemptResult> {
    const result = await this.runAttempt(def, task, run, scope, timeoutMs);
    const local = this.childScope(scope, run.id, {});
    const errors = Array.isArray(task.errors) ? (task.errors as TaskSpec[]) : [];
    if (result.state === 'FAILED' && errors.length && !this.killed) await this.runList(errors, local);
    const fin = Array.isArray(task.finally) ? (task.finally as TaskSpec[]) : [];
    if (fin.length && !this.killed) result.state = finalStateOf([result.state, await this.runList(fin, local)]);
    return result;
  }

  /** A runnable task: one attempt per try, as the retry policy allows. */
  private async runWithRetry(
    def: TaskDefinition,
    task: TaskSpec,
    run: { task: TaskSpec; id: string; start: string; attempt: number },
    scope: Scope,
    timeoutMs: number | undefined,
    retry: RetryPolicy | null,
    setState: (s: StateType) => void,
    log: (level: LogLevel, message: string) => void,
  ): Promise<AttemptResult> {
    const firstStart = this.services.clock.now().getTime();
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) setState('RUNNING');
      this.emit({ type: 'taskrun.attempt', at: this.now(), taskRunId: run.id, attempt });
      const result = await this.runAttempt(def, task, { ...run, attempt }, scope, timeoutMs);
      if (result.state !== 'FAILED' || !retry || this.killed) {
        if (result.state === 'SUCCESS' && attempt > 1 && retry?.warningOnRetry) result.state = 'WARNING';
        return result;
      }
      const delay = retry.delayMs(attempt);
      const limit = retry.maxAttempt ?? (retry.maxDurationMs === undefined ? RETRY_SAFETY_CAP : Infinity);
      const elapsed = this.services.clock.now().getTime() - firstStart;
      if (attempt >= limit || (retry.maxDurationMs !== undefined && elapsed + delay >= retry.maxDurationMs)) {
        if (retry.maxAttempt === undefined && retry.maxDurationMs === undefined) {
          log('WARN', `Gave up after ${RETRY_SAFETY_CAP} attempts: set retry.maxAttempt or retry.maxDuration`);
        }
        return result;
      }
      setState('FAILED');
      setState('RETRYING');
      log('INFO', `Attempt ${attempt} failed; retrying in ${javaDurationString(delay)}`);
      this.retryingCount++;
      this.refreshExecutionState();
      try {
        await this.services.clock.sleep(delay, this.kill.signal);
      } catch {
        return { state: 'KILLED' };
      } finally {
        this.retryingCount--;
        this.refreshExecutionState();
      }
    }
  }

  private childScope(scope: Scope, runId: string, opts: ChildRunOptions): Scope {
    return {
      parentRunId: runId,
      value: opts.value !== undefined ? opts.value : scope.value,
      iteration: opts.iteration !== undefined ? opts.iteration : scope.iteration,
      parents: [{ taskrun: { value: scope.value } }, ...scope.parents],
    };
  }

  /** One try of a task: runs it under a signal that aborts on kill or timeout. */
  private async runAttempt(
    def: TaskDefinition,
    task: TaskSpec,
    run: { task: TaskSpec; id: string; start: string; attempt: number },
    scope: Scope,
    timeoutMs: number | undefined,
  ): Promise<AttemptResult> {
    const runId = run.id;
    const signal = new AbortController();
    // one kill listener for all attempts (a Set, not one listener each: 100,000 parallel iterations stay linear)
    this.attempts.add(signal);
    if (this.killed) signal.abort();
    let timedOut = false;
    const timer = timeoutMs === undefined ? null : new AbortController();
    if (timer && timeoutMs !== undefined) {
      this.services.clock.sleep(timeoutMs, timer.signal).then(
        () => {
          timedOut = true;
          signal.abort();
        },
        () => undefined,
      );
    }
    const vars = () => this.expressionContext(run, scope);
    const childStates: StateType[] = [];
    let warning = false;
    const ctx: TaskContext = {
      task,
      taskRun: { id: runId, value: scope.value, iteration: scope.iteration, attempt: run.attempt },
      execution: { id: this.id, namespace: this.flow.namespace, flowId: this.flow.id },
      render: (t) => this.pebble.render(t, vars()),
      renderValue: (v) => this.pebble.renderValue(v, vars()),
      renderRecursive: (t) => this.pebble.renderRecursive(t, vars()),
      variables: vars,
      log: (level, message) => this.log(level, message, runId, task.id),
      signal: signal.signal,
      services: this.services,
      runChildren: async (tasks, opts = {}) => {
        const s = await this.runList(tasks, this.childScope(scope, runId, opts));
        childStates.push(s);
        return s;
      },
      setWarning: () => {
        warning = true;
      },
      pause: (durationMs) => this.pause(runId, task.id, durationMs, signal.signal),
      storeFile: async (name, data) => {
        const uri = taskFileUri({ namespace: this.flow.namespace, flowId: this.flow.id, executionId: this.id, taskId: task.id, taskRunId: runId, name });
        await this.services.storage.put(uri, data);
        return uri;
      },
      readFile: (uri) => this.services.storage.get(uri.replace(/^kestra:\/\/(?!\/)/, 'kestra:///')),
      setLabels: (labels) => {
        this.labels = { ...this.labels, ...labels };
        this.emit({ type: 'execution.labels', at: this.now(), labels });
      },
      dynamicTaskRun: (taskId, taskType, value = null) => {
        const id = this.services.newId();
        this.emit({ type: 'taskrun.created', at: this.now(), taskRun: { id, taskId, taskType, parentTaskRunId: runId, value, iteration: scope.iteration } });
        return {
          id,
          setState: (state) => this.emit({ type: 'taskrun.state', at: this.now(), taskRunId: id, state }),
          log: (level, message) => this.log(level, message, id, taskId),
          setOutputs: (outputs) => this.emit({ type: 'taskrun.outputs', at: this.now(), taskRunId: id, outputs }),
        };
      },
    };

    try {
      // flowables wait for their children, which stop on their own; other tasks are cut off at once
      const work = def.run(ctx);
      const outputs = (def.flowable ? await work : await raceAbort(work, signal.signal)) ?? undefined;
      if (this.killed) return { state: 'KILLED', outputs };
      if (timedOut) throw abortError();
      let state: StateType = childStates.length ? finalStateOf(childStates) : 'SUCCESS';
      if (warning && state === 'SUCCESS') state = 'WARNING';
      return { state, outputs };
    } catch (e) {
      if (timedOut) {
        this.log('ERROR', `Timeout after ${hmsDuration(timeoutMs!)}`, runId, task.id);
        return { state: 'FAILED' };
      }
      if (this.killed) return { state: 'KILLED' };
      this.log('ERROR', (e as Error)?.message || String(e), runId, task.id);
      return { state: 'FAILED' };
    } finally {
      timer?.abort();
      this.attempts.delete(signal);
    }
  }

  /** Pause: the task run and the execution go PAUSED until resumed (control.resume) or the duration elapses. */
  private async pause(runId: string, taskId: string, durationMs: number | undefined, signal: AbortSignal): Promise<PauseResult> {
    this.emit({ type: 'taskrun.state', at: this.now(), taskRunId: runId, state: 'PAUSED' });
    this.pausedCount++;
    this.refreshExecutionState();
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) stop.abort();
    try {
      const waits: Promise<PauseResult>[] = [];
      const control = this.options.control;
      if (control) {
        waits.push(control.waitForResume({ taskRunId: runId, taskId }, stop.signal).then((inputs) => ({ resumedBy: 'user' as const, inputs })));
      }
      if (durationMs !== undefined) {
        waits.push(this.services.clock.sleep(durationMs, stop.signal).then(() => ({ resumedBy: 'timer' as const, inputs: {} })));
      }
      // never resumed otherwise: wait for a kill or a timeout
      waits.push(raceAbort(new Promise<PauseResult>(() => undefined), stop.signal));
      for (const w of waits) w.catch(() => undefined);
      return await Promise.race(waits);
    } finally {
      stop.abort();
      signal.removeEventListener('abort', onAbort);
      this.pausedCount--;
      if (!signal.aborted) this.emit({ type: 'taskrun.state', at: this.now(), taskRunId: runId, state: 'RUNNING' });
      this.refreshExecutionState();
    }
  }

  private finish(state: StateType, task: TaskSpec, setState: (s: StateType) => void): StateType {
    const s = allowed(state, task);
    setState(s);
    return s;
  }

  private recordOutputs(taskId: string, value: string | null, outputs: Record<string, unknown>): void {
    if (value === null) {
      this.outputs[taskId] = outputs;
    } else {
      const byValue = (this.outputs[taskId] as Record<string, unknown> | undefined) ?? {};
      byValue[value] = outputs;
      this.outputs[taskId] = byValue;
    }
  }
}

/** allowFailure turns FAILED into WARNING; allowWarning turns WARNING into SUCCESS. */
function allowed(state: StateType, task: TaskSpec): StateType {
  let s = state;
  if (s === 'FAILED' && task.allowFailure === true) s = 'WARNING';
  if (s === 'WARNING' && task.allowWarning === true) s = 'SUCCESS';
  return s;
}

