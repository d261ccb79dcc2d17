import { javaMatches } from '../expressions/javaRegex';
import type { InputSpec } from '../flow/Flow';
import { parseIsoDuration } from '../flow/parseIsoDuration';
import { InputValueError } from './InputValueError';
import { parseInstant } from './isoTemporal';

const allowsCustom = (input: InputSpec) => input.allowCustomValue === true || input.allowInput === true;

/**
 * The rules an input declares on top of its type (SelectInput, MultiselectInput,
 * StringInput, IntInput, FloatInput, Date/DateTime/TimeInput#validate).
 */
export function checkInputConstraints(input: InputSpec, value: unknown, raw: unknown): void {
  const id = String(input.id);
  const type = String(input.type);
  const shown = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if ((type === 'SELECT' || type === 'ENUM') && Array.isArray(input.values)) {
    const values = input.values.map(String);
    // Kestra only checks required SELECT inputs, and allows any value with allowCustomValue
    if (!values.includes(String(value)) && input.required !== false && !allowsCustom(input)) {
      throw new InputValueError('input-values', { id, values: values.join(', '), value: String(value) });
    }
  }
  if (type === 'MULTISELECT' && Array.isArray(value) && !allowsCustom(input)) {
    const list = Array.isArray(input.values) ? input.values : Array.isArray(input.options) ? input.options : null;
    if (list) {
      const values = list.map(String);
      for (const v of value) {
        if (!values.includes(String(v))) throw new InputValueError('input-values', { id, values: values.join(', '), value: String(v) });
      }
    }
  }
  if ((type === 'STRING' || type === 'SECRET') && typeof input.validator === 'string') {
    let matches = true;
    try {
      // Kestra matches the whole value (String.matches); RE2 keeps a hostile pattern linear
      matches = javaMatches(String(value), input.validator, 'validator');
    } catch {
      matches = true; // an invalid pattern is reported by the flow validation
    }
    if (!matches) throw new InputValueError('input-pattern', { id, pattern: input.validator, value: String(value) });
  }
  if ((type === 'INT' || type === 'FLOAT') && typeof value === 'number') {
    if (typeof input.min === 'number' && value < input.min) throw new InputValueError('input-min', { id, min: String(input.min), value: shown });
    if (typeof input.max === 'number' && value > input.max) throw new InputValueError('input-max', { id, max: String(input.max), value: shown });
  }
  if (type === 'DURATION' && typeof value === 'string') {
    const ms = parseIsoDuration(value)?.ms ?? 0;
    const min = typeof input.min === 'string' ? parseIsoDuration(input.min) : null;
    const max = typeof input.max === 'string' ? parseIsoDuration(input.max) : null;
    if (min && ms < min.ms) throw new InputValueError('input-duration-min', { id, min: String(input.min), value: shown });
    if (max && ms > max.ms) throw new InputValueError('input-duration-max', { id, max: String(input.max), value: shown });
  }
  if ((type === 'DATE' || type === 'DATETIME' || type === 'TIME') && typeof value === 'string') {
    const key = (v: string) => (type === 'DATETIME' ? (parseInstant(v) ?? v) : type === 'TIME' ? timeKey(v) : v);
    const comparable = type === 'DATETIME' ? Date.parse(value) : null;
    const isAfter = (a: string, b: string) => (comparable !== null ? Date.parse(key(a)) > Date.parse(key(b)) : key(a) > key(b));
    if (typeof input.after === 'string' && !isAfter(value, input.after) && key(value) !== key(input.after)) {
      throw new InputValueError('input-after', { id, after: input.after, value: shown });
    }
    if (typeof input.before === 'string' && isAfter(value, input.before)) {
      throw new InputValueError('input-before', { id, before: input.before, value: shown });
    }
  }
}

function timeKey(t: string): string {
  const [hm, frac = ''] = t.split('.');
  const parts = hm.split(':');
  return `${parts[0]}:${parts[1]}:${parts[2] ?? '00'}.${frac.padEnd(9, '0')}`;
}
