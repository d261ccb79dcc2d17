import type { Flow } from '../flow/Flow';
import { Pebble, type ExpressionContext } from '../expressions/Pebble';
import { resolveInputs, type ResolveInputsOptions } from '../inputs/resolveInputs';
import type { EngineEvent, EventSink, ExecutionTrigger, Labels } from '../model/events';
import type { Execution } from '../model/execution';
import { reduceExecution } from '../reduceExecution';
import { systemClock } from '../runtime/Clock';
import type { EngineServices } from '../runtime/EngineServices';
import type { ExecutionControl } from '../runtime/ExecutionControl';
import type { FlowConcurrency } from '../runtime/FlowConcurrency';
import { randomId } from '../runtime/ids';
import { normalizeLabels } from '../runtime/normalizeLabels';
import { runExecution, type RunOptions } from '../runtime/runExecution';
import type { ScheduleTrigger } from './ScheduleTrigger';
import { scheduleVariables, type ScheduleVariables } from './scheduleVariables';

/** What a backfill adds to every execution it creates (Kestra's Backfill.inputs / labels). */
export interface BackfillExtras {
  inputs?: Record<string, unknown>;
  labels?: Labels;
}

export interface TriggeredRunOptions {
  /** Present when a backfill creates the execution: its inputs override the trigger's, its labels are added. */
  backfill?: BackfillExtras;
  /** The host's concurrency gate, shared with its manual runs, so `concurrency.limit` holds across all of them. */
  concurrency?: FlowConcurrency;
  services?: Partial<EngineServices>;
  emit?: EventSink;
  control?: ExecutionControl;
  executionId?: string;
  /** How inputs become typed values (FILE inputs, rendered defaults); see resolveInputs. */
  resolve?: ResolveInputsOptions;
  /** A problem Kestra writes to the trigger's log, not the execution's (a label that cannot render). */
  onWarning?: (message: string) => void;
}

export interface TriggeredRun {
  executionId: string;
  tick: Date;
  variables: ScheduleVariables;
  /** The execution once it has ended. */
  done: Promise<Execution>;
}

/**
 * Creates and runs the execution a Schedule trigger creates at `tick`, as
 * Kestra's Schedule.evaluate and TriggerService.generateScheduledExecution
 * do: `trigger.date/next/previous` from the tick; labels = the flow's, then
 * the trigger's (rendered; one that cannot render is left out, as
 * LabelService.fromTrigger does), then the backfill's; inputs = the flow's
 * defaults, overridden by the trigger's `inputs`, overridden by the
 * backfill's (Schedule.generateInputs: `putAll` in that order). When the
 * inputs are refused the execution ends FAILED without running a task, as
 * the scheduler's own catch does. The execution records which trigger made
 * it (`execution.trigger = {id, type, variables}`).
 */
export function startTriggeredRun(flow: Flow, trigger: ScheduleTrigger, tick: Date, options: TriggeredRunOptions = {}): TriggeredRun {
  const services = options.services ?? {};
  const executionId = options.executionId ?? (services.newId ?? randomId)();
  const variables = scheduleVariables(trigger.ticks, tick);
  const executionTrigger: ExecutionTrigger = { id: trigger.id, type: trigger.type, variables: { ...variables } };
  const done = (async () => {
    const pebble = new Pebble({
      now: () => (services.clock ?? systemClock).now(),
      secret: (key) => services.secrets?.[key],
      kv: (namespace, key) => services.kv?.get(namespace)?.get(key),
    });
    // the scheduler's run context: the flow and the trigger itself, not yet its dates (RunContextFactory.of(flow, trigger))
    const ctx: ExpressionContext = { flow: { id: flow.id, namespace: flow.namespace, revision: 1 }, trigger: { id: trigger.id, type: trigger.type } };
    const labels: Labels = {};
    for (const [key, value] of Object.entries(normalizeLabels(trigger.labels))) {
      try {
        labels[key] = pebble.render(value, ctx);
      } catch (e) {
        options.onWarning?.(`Failed to render label '${key}', it will be omitted: ${(e as Error).message}`);
      }
    }
    let inputs: Record<string, unknown>;
    try {
      for (const [key, value] of Object.entries(options.backfill?.labels ?? {})) labels[key] = pebble.render(String(value), ctx);
      inputs = { ...(pebble.renderValue(trigger.inputs, ctx) as Record<string, unknown>), ...(pebble.renderValue(options.backfill?.inputs ?? {}, ctx) as Record<string, unknown>) };
    } catch (e) {
      return failedExecution(flow, executionId, executionTrigger, labels, [`Unable to evaluate the Schedule trigger '${trigger.id}': ${(e as Error).message}`], options);
    }
    const resolved = await resolveInputs(flow, inputs, options.resolve);
    if (resolved.errors.length) {
      return failedExecution(flow, executionId, executionTrigger, labels, [`Unable to evaluate the Schedule trigger '${trigger.id}'`, ...resolved.errors.map((e) => e.message)], options);
    }
    const run: RunOptions = {
      inputs: resolved.values,
      labels,
      executionTrigger,
      executionId,
      services,
      emit: options.emit,
      control: options.control,
    };
    return options.concurrency ? options.concurrency.run(flow, run) : runExecution(flow, run);
  })();
  return { executionId, tick, variables, done };
}

/** An execution that ends FAILED at once, with the reason in its logs (Kestra's scheduler creates these when a trigger cannot be evaluated). */
function failedExecution(flow: Flow, id: string, trigger: ExecutionTrigger, labels: Labels, errors: string[], options: TriggeredRunOptions): Execution {
  const clock = options.services?.clock ?? systemClock;
  const at = () => clock.now().toISOString();
  const events: EngineEvent[] = [
    {
      type: 'execution.created',
      at: at(),
      execution: { id, namespace: flow.namespace, flowId: flow.id, inputs: {}, labels: { ...normalizeLabels(flow.labels), ...labels }, variables: flow.variables ?? {}, originalId: id, trigger },
    },
    ...errors.map((message): EngineEvent => ({ type: 'log', at: at(), level: 'ERROR', message, taskRunId: null, taskId: null })),
    { type: 'execution.state', at: at(), state: 'FAILED' },
  ];
  let execution: Execution | null = null;
  for (const e of events) {
    execution = reduceExecution(execution, e);
    options.emit?.(e);
  }
  return execution!;
}
