import type { Execution } from '../engine';
import { executionJson } from './commands';

/** `run --json`'s shape plus the trigger that created the execution (Kestra's Execution.trigger). */
export function triggeredExecutionJson(exec: Execution) {
  return { ...executionJson(exec), trigger: exec.trigger ?? null };
}
