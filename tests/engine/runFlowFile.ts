import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import type { EngineEvent, Execution, RunOptions } from '../../src/engine';
import { resolveInputs } from '../../src/engine/inputs/resolveInputs';
import { flowFromSource, run } from './executionHarness';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Reads a flow file relative to the repository root. */
export function readFlow(path: string): string {
  return readFileSync(resolve(ROOT, path), 'utf8');
}

/**
 * Parses, validates and runs a flow source with inputs resolved as the
 * command line does (a virtual clock and sequential ids, see executionHarness);
 * fails loudly when the flow or the inputs do not validate.
 */
export async function runFlowSource(
  source: string,
  inputs: Record<string, unknown> = {},
  options: RunOptions = {},
): Promise<{ execution: Execution; events: EngineEvent[] }> {
  const flow = flowFromSource(source);
  const resolved = await resolveInputs(flow, inputs);
  if (resolved.errors.length) throw new Error('bad inputs: ' + JSON.stringify(resolved.errors));
  return run(flow, { inputs: resolved.values, ...options });
}

export const runFlowFile = (path: string, inputs: Record<string, unknown> = {}, options: RunOptions = {}) =>
  runFlowSource(readFlow(path), inputs, options);
