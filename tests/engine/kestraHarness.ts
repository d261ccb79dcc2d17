import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import type { Flow } from '../../src/engine/flow/Flow';
import { resolveInputs } from '../../src/engine/inputs/resolveInputs';
import { flowFromSource, run } from './executionHarness';

/** Our own fixtures for the behaviour Kestra's tests assert (each names the Kestra test it mirrors). */
export const KESTRA_FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/kestra');

export const kestraFlow = (name: string): Flow => flowFromSource(readFileSync(resolve(KESTRA_FIXTURES, `${name}.yaml`), 'utf8'));

/** Runs tests/fixtures/kestra/<name>.yaml with inputs resolved as the command line does (fake clock, sequential ids). */
export async function runKestra(name: string, inputs: Record<string, unknown> = {}, options: Parameters<typeof run>[1] = {}) {
  const flow = kestraFlow(name);
  const resolved = await resolveInputs(flow, inputs);
  if (resolved.errors.length) throw new Error('bad inputs: ' + JSON.stringify(resolved.errors));
  return run(flow, { inputs: resolved.values, ...options });
}
