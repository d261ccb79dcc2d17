import { isMissing, assertPresent, ExpressionError } from './Missing';
import { isPlainObject } from './sandboxRuntime';

type Test = (value: unknown, ...args: unknown[]) => boolean;

function isEmpty(v: unknown): boolean {
  if (isMissing(v) || v === null) return true;
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return false;
}

function integer(v: unknown, test: string): number {
  assertPresent(v);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ExpressionError(`Test \`${test}\` expects a whole number`);
  return v;
}

/**
 * Pebble's tests (`x is defined`, `x is not null`...). `defined`, `null` and
 * `empty` look at undefined values without failing, as Kestra's docs use them.
 */
export const PEBBLE_TESTS: Record<string, Test> = {
  defined: (v) => !isMissing(v),
  null: (v) => isMissing(v) || v === null,
  empty: isEmpty,
  even: (v) => integer(v, 'even') % 2 === 0,
  odd: (v) => Math.abs(integer(v, 'odd') % 2) === 1,
  iterable: (v) => {
    assertPresent(v);
    return Array.isArray(v);
  },
  map: (v) => {
    assertPresent(v);
    return isPlainObject(v);
  },
  json: (v) => {
    assertPresent(v);
    if (typeof v !== 'string') return false;
    try {
      const parsed: unknown = JSON.parse(v);
      return typeof parsed === 'object' && parsed !== null;
    } catch {
      return false;
    }
  },
};
