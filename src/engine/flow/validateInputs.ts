import { compileJavaRegex } from '../expressions/javaRegex';
import type { InputSpec } from './Flow';
import type { FlowPath } from './FlowError';
import { INPUT_ID_PATTERN } from './idPatterns';
import { isExpression, isMapValue, show, type Problems } from './Problems';
import { INPUT_TYPES, MAIN_INPUT_TYPES, inputProperties } from '../inputs/inputTypes';
import { coerceInput } from '../inputs/coerceInput';
import { InputValueError } from '../inputs/InputValueError';

const DISPLAY_NAME_MAX = 64;

/**
 * A flow's `inputs`: each a map with a valid, unique `id` and a known `type`,
 * only the properties its type accepts, SELECT values, ARRAY item types, and a
 * default that fits the input (its type, its values, its rules).
 */
export function validateInputs(inputs: unknown, problems: Problems): void {
  if (inputs === undefined || inputs === null) return;
  if (!Array.isArray(inputs)) {
    problems.add('type', ['inputs'], { property: 'inputs', expected: 'list' });
    return;
  }
  const seen = new Map<string, string>();
  inputs.forEach((raw, i) => {
    const path: FlowPath = ['inputs', i];
    if (!isMapValue(raw)) {
      problems.add('type', path, { property: `inputs[${i}]`, expected: 'map', value: show(raw) });
      return;
    }
    const input = raw as InputSpec;
    const idKey = input.id === undefined && input.name !== undefined ? 'name' : 'id';
    const id = input[idKey];
    if (id === undefined || id === null) problems.add('required', path, { property: 'id', owner: 'input' }, 'map');
    else if (typeof id !== 'string' || !INPUT_ID_PATTERN.test(id)) {
      problems.add('id-pattern', [...path, idKey], { what: 'Input', id: show(id), allowed: '`.`, `_`, `-`' });
    } else {
      const first = seen.get(id);
      if (first) problems.add('duplicate-id', [...path, idKey], { what: 'input', id, first });
      else seen.set(id, `inputs[${i}]`);
    }
    const type = input.type;
    if (type === undefined || type === null) {
      problems.add('required', path, { property: 'type', owner: 'input' }, 'map');
      return;
    }
    if (typeof type !== 'string' || !INPUT_TYPES.includes(type)) {
      const hint = typeof type === 'string' ? closestType(type, problems) : null;
      problems.add('unknown-input-type', [...path, 'type'], { type: show(type), allowed: MAIN_INPUT_TYPES.join(', '), suggestion: hint ?? undefined });
      return;
    }
    const known = inputProperties(type);
    for (const key of Object.keys(input)) {
      if (!known.includes(key)) {
        problems.add('unknown-property', [...path, key], { property: key, owner: 'input', suggestion: problems.suggest(key, known) }, 'key');
      }
    }
    checkCommon(input, path, problems);
    if (!checkTypeSpecific(input, type, path, problems)) return;
    checkDefault(input, type, path, problems);
  });
}

function closestType(type: string, problems: Problems): string | null {
  const upper = type.toUpperCase();
  if (INPUT_TYPES.includes(upper)) return upper;
  return problems.suggest(upper, MAIN_INPUT_TYPES) ?? null;
}

function checkCommon(input: InputSpec, path: FlowPath, problems: Problems): void {
  if (input.required !== undefined && typeof input.required !== 'boolean') {
    problems.add('type', [...path, 'required'], { property: 'required', expected: 'boolean', value: show(input.required) });
  }
  for (const key of ['displayName', 'description'] as const) {
    const v = input[key];
    if (v !== undefined && v !== null && typeof v === 'object') problems.add('type', [...path, key], { property: key, expected: 'string' });
  }
  if (typeof input.displayName === 'string' && input.displayName.length > DISPLAY_NAME_MAX) {
    problems.add('too-long', [...path, 'displayName'], { property: 'displayName', max: DISPLAY_NAME_MAX, length: input.displayName.length });
  }
}

/** Returns false when the input is too broken to check its default. */
function checkTypeSpecific(input: InputSpec, type: string, path: FlowPath, problems: Problems): boolean {
  let ok = true;
  if (type === 'SELECT' || type === 'ENUM' || type === 'MULTISELECT') {
    const valuesKey = type === 'MULTISELECT' && input.values === undefined && input.options !== undefined ? 'options' : 'values';
    const values = input[valuesKey];
    if ((values === undefined || values === null) && typeof input.expression !== 'string') {
      problems.add('required', path, { property: 'values', owner: 'input' }, 'map');
      ok = false;
    } else if (values !== undefined && values !== null && !Array.isArray(values)) {
      problems.add('type', [...path, valuesKey], { property: valuesKey, expected: 'list' });
      ok = false;
    }
  }
  if (type === 'ARRAY' || type === 'MULTISELECT') {
    const itemType = input.itemType;
    if (itemType === undefined || itemType === null) {
      if (type === 'ARRAY') {
        problems.add('required', path, { property: 'itemType', owner: 'input' }, 'map');
        ok = false;
      }
    } else if (typeof itemType !== 'string' || !INPUT_TYPES.includes(itemType)) {
      problems.add('unknown-input-type', [...path, 'itemType'], { type: show(itemType), allowed: MAIN_INPUT_TYPES.join(', '), suggestion: typeof itemType === 'string' ? (closestType(itemType, problems) ?? undefined) : undefined });
      ok = false;
    } else if (itemType === 'ARRAY' || itemType === 'MULTISELECT') {
      problems.add('array-item-type', [...path, 'itemType'], { id: String(input.id), itemType });
      ok = false;
    }
  }
  if (typeof input.validator === 'string') {
    try {
      compileJavaRegex(input.validator, 'validator');
    } catch {
      problems.add('bad-regex', [...path, 'validator'], { property: 'validator', pattern: input.validator });
      ok = false;
    }
  }
  for (const key of ['min', 'max'] as const) {
    const v = input[key];
    if (v === undefined || v === null) continue;
    const want = type === 'INT' ? 'integer' : type === 'DURATION' ? 'duration' : 'number';
    const good = type === 'INT' ? Number.isInteger(v) : type === 'DURATION' ? typeof v === 'string' : typeof v === 'number';
    if (!good) {
      problems.add('type', [...path, key], { property: key, expected: want, value: show(v) });
      ok = false;
    }
  }
  for (const key of ['after', 'before'] as const) {
    const v = input[key];
    if (v === undefined || v === null) continue;
    try {
      coerceInput({ id: String(input.id), type }, v);
    } catch (e) {
      if (e instanceof InputValueError) problems.add(e.code, [...path, key], { ...e.params, id: `${String(input.id)}.${key}` });
      ok = false;
    }
  }
  return ok;
}

function checkDefault(input: InputSpec, type: string, path: FlowPath, problems: Problems): void {
  const value = input.defaults;
  if (value === undefined || value === null || type === 'FILE') return;
  if (isExpression(value)) return; // rendered by Kestra 0.24+, checked when the execution starts
  if ((type === 'SELECT' || type === 'ENUM') && Array.isArray(input.values) && !(input.allowCustomValue || input.allowInput)) {
    const values = input.values.map(String);
    if (!values.includes(String(value))) {
      problems.add('default-not-in-values', [...path, 'defaults'], { id: String(input.id), value: show(value), values: values.join(', ') });
      return;
    }
  }
  if (type === 'MULTISELECT' && Array.isArray(input.values) && Array.isArray(value) && !(input.allowCustomValue || input.allowInput)) {
    const values = input.values.map(String);
    const outside = value.find((v) => !values.includes(String(v)));
    if (outside !== undefined) {
      problems.add('default-not-in-values', [...path, 'defaults'], { id: String(input.id), value: show(outside), values: values.join(', ') });
      return;
    }
  }
  try {
    coerceInput({ ...input, id: String(input.id), type }, value);
  } catch (e) {
    if (e instanceof InputValueError) problems.add(e.code, [...path, 'defaults'], e.params);
  }
}
