import type { Flow, TaskSpec } from '../flow/Flow';
import type { EngineEvent, EventSink, Labels, LogLevel } from '../model/events';
import type { Execution } from '../model/execution';
import { finalStateOf, type StateType } from '../model/state';
import { Pebble, type ExpressionContext } from '../expressions/Pebble';
import { reduceExecution } from '../reduceExecution';
import { taskDefinition } from '../tasks/registry';
import { applyPluginDefaults } from './applyPluginDefaults';
import { isTruthy } from './isTruthy';
import { normalizeLabels } from './normalizeLabels';
import type { EngineServices } from './EngineServices';
import type { ChildRunOptions, TaskContext } from './TaskContext';
import { systemClock } from './Clock';
import { randomId } from './ids';
import { MemoryStorage } from '../storage/MemoryStorage';
import { taskFileUri } from '../storage/storageUri';

export interface RunOptions {
  /** Input values, already resolved and typed (see resolveInputs). */
  inputs?: Record<string, unknown>;
  labels?: Labels;
  /** Receives every event as it happens. */
  emit?: EventSink;
  signal?: AbortSignal;
  services?: Partial<EngineServices>;
  /** Trigger variables, present only for triggered runs. */
  trigger?: Record<string, unknown>;
  executionId?: string;
}

interface Scope {
  parentRunId: string | null;
  value: string | null;
  iteration: number | null;
  /** Parent task runs, innermost first, for `parent` / `parents`. */
  parents: { taskrun: { value: string | null }; outputs?: unknown }[];
}

/**
 * Runs a validated flow to the end and returns the final execution. Every
 * change is also reported through `emit`, in order, as engine events.
 */
export async function runExecution(flow: Flow, options: RunOptions = {}): Promise<Execution> {
  const runner = new ExecutionRunner(flow, options);
  return runner.run();
}

class ExecutionRunner {
  private readonly services: EngineServices;
  private readonly pebble: Pebble;
  private snapshot: Execution | null = null;
  private readonly outputs: Record<string, unknown> = {};
  private labels: Labels;
  private readonly id: string;
  private startDate = '';
  private readonly controller = new AbortController();

  constructor(
    private readonly flow: Flow,
    private readonly options: RunOptions,
  ) {
    this.services = { clock: systemClock, newId: randomId, storage: new MemoryStorage(), kv: new Map(), secrets: {}, ...options.services };
    this.pebble = new Pebble({ now: () => this.services.clock.now() });
    this.labels = { ...normalizeLabels(flow.labels), ...(options.labels ?? {}) };
    this.id = options.executionId ?? this.services.newId();
    const outer = options.signal;
    if (outer) {
      if (outer.aborted) this.controller.abort();
      else outer.addEventListener('abort', () => this.controller.abort(), { once: true });
    }
  }

  private now(): string {
    return this.services.clock.now().toISOString();
  }

  private emit(event: EngineEvent): void {
    this.snapshot = reduceExecution(this.snapshot, event);
    this.options.emit?.(event);
  }

  private get killed(): boolean {
    return this.controller.signal.aborted;
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
    this.emit({ type: 'execution.state', at: this.now(), state: 'RUNNING' });

    const root: Scope = { parentRunId: null, value: null, iteration: null, parents: [] };
    const main = await this.runList(this.flow.tasks ?? [], root);
    let states = [main];
    if (main === 'FAILED' && this.flow.errors?.length && !this.killed) {
      await this.runList(this.flow.errors, root);
    }
    if (this.flow.finally?.length) {
      // finally runs even after a kill, but not if the kill stopped everything before it started
      const fin = await this.runList(this.flow.finally, root, { ignoreKill: true });
      states = [...states, fin];
    }
    let final = finalStateOf(states);
    if (this.killed) final = 'KILLED';
    if (final === 'KILLED') this.emit({ type: 'execution.state', at: this.now(), state: 'KILLING' });
    this.emit({ type: 'execution.state', at: this.now(), state: final });
    return this.snapshot!;
  }

  /** Runs tasks in order; stops at the first failure. Returns the list's state. */
  private async runList(tasks: TaskSpec[], scope: Scope, opts: { ignoreKill?: boolean } = {}): Promise<StateType> {
    const states: StateType[] = [];
    for (const raw of tasks) {
      if (raw.disabled === true) continue;
      if (this.killed && !opts.ignoreKill) {
        states.push('KILLED');
        break;
      }
      const state = await this.runTask(raw, scope);
      states.push(state);
      if (state === 'FAILED' || state === 'KILLED') break;
    }
    return finalStateOf(states);
  }

  private expressionContext(task: TaskSpec, runId: string, scope: Scope, runStart: string, attempt: number): ExpressionContext {
    const ctx: ExpressionContext = {
      flow: { id: this.flow.id, namespace: this.flow.namespace, revision: 1 },
      execution: { id: this.id, startDate: this.startDate, originalId: this.id },
      inputs: this.snapshot?.inputs ?? {},
      vars: this.flow.variables ?? {},
      outputs: this.outputs,
      labels: { ...this.labels },
      task: { id: task.id, type: task.type },
      taskrun: {
        id: runId,
        startDate: runStart,
        attemptsCount: attempt,
        parentId: scope.parentRunId,
        value: scope.value,
        iteration: scope.iteration,
      },
      envs: {},
      globals: {},
    };
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
    const ctxVars = () => this.expressionContext(task, runId, scope, created, 1);

    // runIf is rendered just before the task would start
    if (task.runIf !== undefined) {
      let run: boolean;
      try {
        run = isTruthy(this.pebble.render(String(task.runIf), ctxVars()));
      } catch (e) {
        this.log('ERROR', `Unable to evaluate the runIf condition: ${(e as Error).message}`, runId, task.id);
        return this.finish('FAILED', task, setState);
      }
      if (!run) {
        setState('SKIPPED');
        return 'SKIPPED';
      }
    }

    const def = taskDefinition(task.type);
    setState('RUNNING');
    this.emit({ type: 'taskrun.attempt', at: this.now(), taskRunId: runId, attempt: 1 });
    if (!def) {
      this.log('ERROR', `Unknown task type \`${task.type}\``, runId, task.id);
      return this.finish('FAILED', task, setState);
    }

    let childStates: StateType[] = [];
    const ctx: TaskContext = {
      task,
      taskRun: { id: runId, value: scope.value, attempt: 1 },
      execution: { id: this.id, namespace: this.flow.namespace, flowId: this.flow.id },
      render: (t) => this.pebble.render(t, ctxVars()),
      renderValue: (v) => this.pebble.renderValue(v, ctxVars()),
      renderRecursive: (t) => this.pebble.renderRecursive(t, ctxVars()),
      variables: ctxVars,
      log: (level, message) => this.log(level, message, runId, task.id),
      signal: this.controller.signal,
      services: this.services,
      runChildren: async (tasks: TaskSpec[], opts: ChildRunOptions = {}) => {
        const value = opts.value !== undefined ? opts.value : scope.value;
        const child: Scope = {
          parentRunId: runId,
          value,
          iteration: opts.iteration ?? null,
          parents: [{ taskrun: { value: scope.value } }, ...scope.parents],
        };
        const s = await this.runList(tasks, child);
        childStates.push(s);
        return s;
      },
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
    };

    let state: StateType;
    try {
      const outputs = await def.run(ctx);
      if (outputs && Object.keys(outputs).length) {
        this.recordOutputs(task.id, scope.value, outputs);
        this.emit({ type: 'taskrun.outputs', at: this.now(), taskRunId: runId, outputs });
      }
      state = childStates.length ? finalStateOf(childStates) : 'SUCCESS';
      if (this.killed) state = 'KILLED';
    } catch (e) {
      if (this.killed) {
        state = 'KILLED';
      } else {
        this.log('ERROR', (e as Error).message || String(e), runId, task.id);
        state = 'FAILED';
      }
    }
    childStates = [];
    if (state === 'KILLED') setState('KILLING');
    return this.finish(state, task, setState);
  }

  private finish(state: StateType, task: TaskSpec, setState: (s: StateType) => void): StateType {
    const s = this.allowed(state, task);
    setState(s);
    return s;
  }

  /** allowFailure turns FAILED into WARNING; allowWarning turns WARNING into SUCCESS. */
  private allowed(state: StateType, task: TaskSpec): StateType {
    let s = state;
    if (s === 'FAILED' && task.allowFailure === true) s = 'WARNING';
    if (s === 'WARNING' && task.allowWarning === true) s = 'SUCCESS';
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
