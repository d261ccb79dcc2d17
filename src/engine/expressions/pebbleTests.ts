import { ExpressionError } from './ExpressionError';
import { isPlainObject } from './values';

type Test = (value: unknown, ...args: unknown[]) => boolean;

function integer(v: unknown, test: string): number {
  if (v === null || v === undefined) throw new ExpressionError(`Can not pass null value to "${test}" test.`);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ExpressionError(`Test \`${test}\` expects a whole number`);
  return v;
}

/**
 * Pebble's tests (`x is defined`, `x is not null`...), as Pebble 3.2 defines
 * them. Only `defined` may look at an undefined name (the interpreter turns it
 * into null there, as Pebble's PositiveTestExpression does); `defined` is
 * "not null", so a key whose value is null is not defined either.
 */
export const PEBBLE_TESTS: Record<string, Test> = {
  defined: (v) => v !== null && v !== undefined,
  null: (v) => v === null || v === undefined,
  empty: (v) => {
    if (v === null || v === undefined) return true;
    if (typeof v === 'string') return v.trim() === '';
    if (Array.isArray(v)) return v.length === 0;
    if (isPlainObject(v)) return Object.keys(v).length === 0;
    return false;
  },
  even: (v) => integer(v, 'even') % 2 === 0,
  odd: (v) => Math.abs(integer(v, 'odd') % 2) === 1,
  iterable: (v) => Array.isArray(v),
  map: (v) => isPlainObject(v),
  /** Kestra's JsonTest: a string that parses as JSON. */
  json: (v) => {
    if (typeof v !== 'string') return false;
    try {
      JSON.parse(v);
      return true;
    } catch {
      return false;
    }
  },
};
