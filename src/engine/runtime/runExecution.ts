import type { Flow } from '../flow/Flow';
import type { EventSink, ExecutionTrigger, Labels } from '../model/events';
import type { Execution } from '../model/execution';
import type { EngineServices } from './EngineServices';
import type { ExecutionControl } from './ExecutionControl';
import type { Admission } from './Admission';
import { ExecutionRunner } from './ExecutionRunner';
import { systemClock } from './Clock';
import type { StartingPoint } from './StartingPoint';

export interface RunOptions {
  /** Input values, already resolved and typed (see resolveInputs). */
  inputs?: Record<string, unknown>;
  labels?: Labels;
  /** Receives every event as it happens. */
  emit?: EventSink;
  /** Aborting it kills the execution (same as `control.kill()`). */
  signal?: AbortSignal;
  /** Kill and resume (Pause) from the host. */
  control?: ExecutionControl;
  /** Concurrency gate; FlowConcurrency.run() sets it. */
  admission?: Admission;
  services?: Partial<EngineServices>;
  /** Trigger variables, present only for triggered runs. */
  trigger?: Record<string, unknown>;
  /**
   * The trigger that created this run (a Schedule tick, a backfill): recorded
   * on the execution as Kestra's `Execution.trigger`; its variables are
   * `{{ trigger.* }}` unless `trigger` is given.
   */
  executionTrigger?: ExecutionTrigger;
  executionId?: string;
  /**
   * Checked during long synchronous work (every 1024 template steps): true
   * kills the execution. The command line sets it from another thread, so
   * Ctrl-C stops even a template that never yields to the event loop.
   */
  interrupt?: () => boolean;
  /**
   * Restart / Replay: the execution starts from there (restartExecution.ts,
   * replayExecution.ts) — its id, inputs, labels and kept task runs — and only
   * the task runs it names, and those that never ran, run.
   */
  start?: StartingPoint;
  /** Called with every execution that ends, the RETRIED ones CREATE_NEW_EXECUTION leaves behind included. */
  onExecution?: (execution: Execution) => void;
}

/**
 * Runs a validated flow to the end and returns the final execution. Every
 * change is also reported through `emit`, in order, as engine events.
 */
export async function runExecution(flow: Flow, options: RunOptions = {}): Promise<Execution> {
  const clock = options.services?.clock ?? systemClock;
  // a child (Subflow) execution reports to the same onExecution and hears the same host kill
  const runChild = (child: Flow, childOptions: RunOptions) => runExecution(child, { onExecution: options.onExecution, interrupt: options.interrupt, ...childOptions });
  let runner = new ExecutionRunner(flow, options, { attemptNumber: 1, runChild });
  const chainStart = clock.now().getTime();
  for (;;) {
    const execution = await runner.run();
    options.onExecution?.(execution);
    const delay = runner.retryNewExecutionAfterMs;
    if (execution.state.current !== 'RETRIED' || delay === null) return execution;
    // retry.behavior CREATE_NEW_EXECUTION: a new execution of the same flow with the same inputs and labels
    try {
      await clock.sleep(delay, options.signal ?? options.control?.signal);
    } catch {
      return execution;
    }
    runner = new ExecutionRunner(flow, { ...options, executionId: undefined, start: undefined }, { attemptNumber: runner.chain.attemptNumber + 1, originalId: execution.originalId, chainStart, runChild });
  }
}
