import type { Flow, InputSpec } from '../flow/Flow';
import { coerceInput } from './coerceInput';

export interface InputError {
  id: string;
  message: string;
}

/**
 * Turns the values a learner typed (strings, or already-typed values from the
 * browser form) into the typed `inputs` of an execution, as Kestra does:
 * defaults fill what is missing, required inputs must have a value, each value
 * is coerced to its input's type. Every problem is reported at once.
 */
export function resolveInputs(flow: Flow, given: Record<string, unknown>): { values: Record<string, unknown>; errors: InputError[] } {
  const values: Record<string, unknown> = {};
  const errors: InputError[] = [];
  for (const input of (flow.inputs ?? []) as InputSpec[]) {
    if (!input || typeof input.id !== 'string') continue;
    let raw = Object.prototype.hasOwnProperty.call(given, input.id) ? given[input.id] : undefined;
    if (raw === undefined || raw === '') raw = input.defaults;
    if (raw === undefined || raw === null || raw === '') {
      if (input.required !== false) errors.push({ id: input.id, message: 'Missing required input value' });
      else values[input.id] = null;
      continue;
    }
    try {
      values[input.id] = coerceInput(input, raw);
    } catch (e) {
      errors.push({ id: input.id, message: (e as Error).message });
    }
  }
  return { values, errors };
}
