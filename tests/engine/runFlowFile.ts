import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parseFlow, runExecution, fakeClock, sequentialIds, type EngineEvent, type Execution, type RunOptions } from '../../src/engine';
import { resolveInputs } from '../../src/engine/inputs/resolveInputs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Reads a flow file relative to the repository root. */
export function readFlow(path: string): string {
  return readFileSync(resolve(ROOT, path), 'utf8');
}

/**
 * Parses, validates and runs a flow source with a fake clock and sequential
 * ids; fails loudly when the flow does not validate.
 */
export async function runFlowSource(
  source: string,
  inputs: Record<string, unknown> = {},
  options: RunOptions = {},
): Promise<{ execution: Execution; events: EngineEvent[] }> {
  const parsed = parseFlow(source);
  if (parsed.errors.length || !parsed.flow) {
    throw new Error('flow does not validate: ' + parsed.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; '));
  }
  const resolved = await resolveInputs(parsed.flow, inputs);
  if (resolved.errors.length) throw new Error('bad inputs: ' + JSON.stringify(resolved.errors));
  const events: EngineEvent[] = [];
  const execution = await runExecution(parsed.flow, {
    inputs: resolved.values,
    ...options,
    services: { clock: fakeClock(), newId: sequentialIds('r'), ...options.services },
    emit: (e) => {
      events.push(e);
      options.emit?.(e);
    },
  });
  return { execution, events };
}

export const runFlowFile = (path: string, inputs: Record<string, unknown> = {}, options: RunOptions = {}) =>
  runFlowSource(readFlow(path), inputs, options);

/** taskId → final state, for compact assertions. */
export function statesByTask(execution: Execution): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of execution.taskRunList) out[t.value === null ? t.taskId : `${t.taskId}[${t.value}]`] = t.state.current;
  return out;
}
