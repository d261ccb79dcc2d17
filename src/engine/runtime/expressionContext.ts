import type { Flow, TaskSpec } from '../flow/Flow';
import type { ExpressionContext } from '../expressions/Pebble';
import type { Labels } from '../model/events';
import type { Scope } from './Scope';

/** A task run as its templates see it. */
export interface RunRef {
  task: TaskSpec;
  id: string;
  start: string;
  attempt: number;
}

export interface ExecutionFacts {
  flow: Flow;
  id: string;
  originalId: string;
  startDate: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  labels: Labels;
  trigger?: Record<string, unknown>;
  /** The execution's state, once known (afterExecution tasks read `execution.state`). */
  state?: string;
  /** Variables added by execution.SetVariables (over the flow's own). */
  variables: Record<string, unknown>;
  envs: Record<string, string>;
  globals: Record<string, unknown>;
}

/**
 * What a template sees (Kestra's RunVariables): flow, execution, inputs,
 * vars, outputs, labels, envs, globals, and for a task run task / taskrun /
 * parent / parents.
 */
export function expressionContext(facts: ExecutionFacts, run: RunRef | null, scope: Scope): ExpressionContext {
  const execution: Record<string, unknown> = { id: facts.id, startDate: facts.startDate, originalId: facts.originalId };
  if (facts.state) execution.state = facts.state;
  const ctx: ExpressionContext = {
    flow: { id: facts.flow.id, namespace: facts.flow.namespace, revision: 1 },
    execution,
    inputs: facts.inputs,
    vars: facts.variables,
    outputs: facts.outputs,
    labels: { ...facts.labels },
    envs: facts.envs,
    globals: facts.globals,
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
  if (facts.trigger) ctx.trigger = facts.trigger;
  return ctx;
}

/**
 * Records a task run's outputs as Kestra's `outputs` variable has them: by
 * task id, then by the value of every enclosing ForEach iteration, outermost
 * first (`outputs.inner[parent.taskrun.value][taskrun.value]`).
 */
export function recordOutputs(all: Record<string, unknown>, taskId: string, values: readonly string[], outputs: Record<string, unknown>): void {
  if (!values.length) {
    all[taskId] = outputs;
    return;
  }
  let node = (all[taskId] && typeof all[taskId] === 'object' ? all[taskId] : (all[taskId] = {})) as Record<string, unknown>;
  for (let i = 0; i < values.length - 1; i++) {
    const v = values[i];
    if (!node[v] || typeof node[v] !== 'object') node[v] = {};
    node = node[v] as Record<string, unknown>;
  }
  node[values[values.length - 1]] = outputs;
}
