import type { Flow } from '../flow/Flow';
import type { EventSink, Labels } from '../model/events';
import type { Execution } from '../model/execution';
import type { EngineServices } from './EngineServices';
import type { ExecutionControl } from './ExecutionControl';
import type { Admission } from './Admission';
import { ExecutionRunner } from './ExecutionRunner';

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
  executionId?: string;
}

/**
 * Runs a validated flow to the end and returns the final execution. Every
 * change is also reported through `emit`, in order, as engine events.
 */
export async function runExecution(flow: Flow, options: RunOptions = {}): Promise<Execution> {
  return new ExecutionRunner(flow, options).run();
}
