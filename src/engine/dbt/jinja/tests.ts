import { JinjaError } from './JinjaError';
import { compare, contains, equals, isCallable, PyObject, Undefined } from './values';

/** Jinja's tests (`x is none`, `x is not defined`, `n is divisibleby 3`…). */
export const TESTS: Record<string, (v: unknown, args: unknown[]) => boolean> = {
  none: (v) => v === null,
  defined: (v) => !(v instanceof Undefined),
  undefined: (v) => v instanceof Undefined,
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => typeof v === 'number' && !Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  true: (v) => v === true,
  false: (v) => v === false,
  mapping: (v) => v instanceof Map,
  sequence: (v) => Array.isArray(v) || typeof v === 'string' || v instanceof Map,
  iterable: (v) => Array.isArray(v) || typeof v === 'string' || v instanceof Map || (v instanceof PyObject && 'items' in v),
  callable: (v) => isCallable(v),
  sameas: (v, a) => v === a[0] || (v === null && a[0] === null),
  odd: (v) => typeof v === 'number' && Math.abs(v % 2) === 1,
  even: (v) => typeof v === 'number' && v % 2 === 0,
  divisibleby: (v, a) => {
    if (typeof v !== 'number' || typeof a[0] !== 'number') throw new JinjaError('divisibleby needs numbers');
    return v % a[0] === 0;
  },
  lower: (v) => typeof v === 'string' && v === v.toLowerCase(),
  upper: (v) => typeof v === 'string' && v === v.toUpperCase(),
  in: (v, a) => contains(a[0], v),
  eq: (v, a) => equals(v, a[0]),
  equalto: (v, a) => equals(v, a[0]),
  '==': (v, a) => equals(v, a[0]),
  ne: (v, a) => !equals(v, a[0]),
  '!=': (v, a) => !equals(v, a[0]),
  lt: (v, a) => compare(v, a[0]) < 0,
  lessthan: (v, a) => compare(v, a[0]) < 0,
  '<': (v, a) => compare(v, a[0]) < 0,
  le: (v, a) => compare(v, a[0]) <= 0,
  '<=': (v, a) => compare(v, a[0]) <= 0,
  gt: (v, a) => compare(v, a[0]) > 0,
  greaterthan: (v, a) => compare(v, a[0]) > 0,
  '>': (v, a) => compare(v, a[0]) > 0,
  ge: (v, a) => compare(v, a[0]) >= 0,
  '>=': (v, a) => compare(v, a[0]) >= 0,
  escaped: () => false,
};

export function runTest(name: string, value: unknown, args: unknown[]): boolean {
  const t = Object.prototype.hasOwnProperty.call(TESTS, name) ? TESTS[name] : null;
  if (!t) throw new JinjaError(`no test named '${name}'`);
  return t(value, args);
}
