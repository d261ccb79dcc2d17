import type { Labels } from '../model/events';
import type { StateType } from '../model/state';
import { resolveInputs } from '../inputs/resolveInputs';
import { normalizeLabels } from '../runtime/normalizeLabels';
import type { TaskDefinition } from './TaskDefinition';

/**
 * io.kestra.plugin.core.flow.Subflow: starts an execution of another flow
 * the host knows (`services.flows`, by namespace and flowId) with rendered
 * `inputs` (typed and checked as the child flow declares them) and `labels`.
 * With `wait` (the default) the task run waits for it and ends in its state
 * when `transmitFailed` (the default; FAILED/KILLED/WARNING carry over,
 * Kestra's Subflow#createSubflowExecutionResult), SUCCESS otherwise; outputs
 * are `executionId`, `state` and the child flow's `outputs`. Without
 * `wait` it starts the child and succeeds at once with `executionId`.
 */
export const Subflow: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.Subflow',
  aliases: ['io.kestra.core.tasks.flows.Subflow', 'io.kestra.core.tasks.flows.Flow'],
  strictProperties: true,
  properties: {
    namespace: { kind: 'string', required: true },
    flowId: { kind: 'string', required: true },
    inputs: { kind: 'map' },
    labels: { kind: 'any' },
    wait: { kind: 'boolean' },
    transmitFailed: { kind: 'boolean' },
    inheritLabels: { kind: 'boolean' },
    revision: { kind: 'number', notRun: { en: 'this run knows one revision of each flow', 'zh-TW': '這裡每個流程只有一個版本' } },
    outputs: { kind: 'map', notRun: { en: 'read the subflow\'s own flow outputs as `outputs.<task>.outputs`', 'zh-TW': '請改讀子流程本身的 outputs：`outputs.<task>.outputs`' } },
    scheduleDate: { kind: 'string', notRun: { en: 'the subflow starts at once', 'zh-TW': '子流程會立刻開始' } },
    restartBehavior: { kind: 'string', values: ['NEW_EXECUTION', 'RETRY_FAILED'], notRun: { en: 'executions are not restarted here', 'zh-TW': '這裡不會重新啟動執行' } },
  },
  async run(ctx) {
    const namespace = ctx.render(String(ctx.task.namespace));
    const flowId = ctx.render(String(ctx.task.flowId));
    const flow = ctx.services.flows?.get(namespace, flowId);
    if (!flow) {
      throw new Error(
        `Unable to find flow '${namespace}'.'${flowId}': the subflow must be one of the flows this run knows (command line: --flows <dir>; playground: the Flows list)`,
      );
    }
    const given = ctx.task.inputs ? (ctx.renderValue(ctx.task.inputs) as Record<string, unknown>) : {};
    const resolved = await resolveInputs(flow, given);
    if (resolved.errors.length) throw new Error(resolved.errors.map((e) => e.message).join('\n'));
    const labels: Labels = {
      ...(flag(ctx.renderValue(ctx.task.inheritLabels), false) ? (ctx.variables().labels as Labels) : {}),
      ...normalizeLabels(ctx.task.labels ? (ctx.renderValue(ctx.task.labels) as Record<string, string>) : undefined),
    };
    const wait = flag(ctx.renderValue(ctx.task.wait), true);
    const transmitFailed = flag(ctx.renderValue(ctx.task.transmitFailed), true);
    const child = ctx.runFlow(flow, {
      inputs: resolved.values,
      labels,
      signal: ctx.signal,
      services: ctx.services,
      trigger: { executionId: ctx.execution.id, namespace: ctx.execution.namespace, flowId: ctx.execution.flowId },
    });
    if (!wait) {
      child.then(
        (e) => ctx.log('INFO', `Subflow execution ${e.id} of ${namespace}.${flowId} ended ${e.state.current}`),
        () => undefined,
      );
      ctx.log('INFO', `Started subflow ${namespace}.${flowId} without waiting for it`);
      return {};
    }
    const execution = await child;
    ctx.log('INFO', `Subflow execution ${execution.id} of ${namespace}.${flowId} ended ${execution.state.current}`);
    const outputs = { executionId: execution.id, state: execution.state.current, outputs: execution.outputs ?? {} };
    const state: StateType = execution.state.current;
    if (transmitFailed && (state === 'FAILED' || state === 'KILLED' || state === 'CANCELLED')) {
      throw new Error(`Subflow execution ${execution.id} of ${namespace}.${flowId} ended ${state}`);
    }
    if (transmitFailed && state === 'WARNING') ctx.setWarning();
    return outputs;
  },
};

/** A boolean property (it may be an expression), `otherwise` when unset. */
function flag(v: unknown, otherwise: boolean): boolean {
  if (v === undefined || v === null) return otherwise;
  return String(v).trim().toLowerCase() === 'true';
}
