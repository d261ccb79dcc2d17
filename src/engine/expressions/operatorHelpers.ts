import { assertPresent, ExpressionError, isMissing } from './Missing';
import { PEBBLE_TESTS } from './pebbleTests';
import { isPlainObject, stringify, toJson } from './sandboxRuntime';

/**
 * The runtime side of Pebble's operators. Templates are translated so that
 * every operator calls one of these (see pebble/emitNunjucks.ts); user
 * templates cannot name them (names starting with `__` are refused).
 */

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === 'object' && typeof b === 'object') return toJson(a) === toJson(b);
  return false;
}

function number(v: unknown, op: string): number {
  assertPresent(v);
  if (typeof v === 'number') return v;
  throw new ExpressionError(`Operator \`${op}\` expects numbers, got ${v === null ? 'null' : JSON.stringify(v)}: use \`~\` to join strings`);
}

function ordered(a: unknown, b: unknown, op: string): number {
  assertPresent(a);
  assertPresent(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new ExpressionError(`Operator \`${op}\` cannot compare ${JSON.stringify(a)} with ${JSON.stringify(b)}`);
}

function contains(container: unknown, item: unknown): boolean {
  assertPresent(container);
  assertPresent(item);
  if (container === null) return false;
  if (Array.isArray(item) && !(typeof container === 'string')) return item.every((i) => contains(container, i));
  if (Array.isArray(container)) return container.some((c) => equal(c, item));
  if (isPlainObject(container)) return Object.prototype.hasOwnProperty.call(container, stringify(item));
  if (typeof container === 'string') return container.includes(stringify(item));
  throw new ExpressionError('Operator `contains` expects a list, a map or a string on its left');
}

function integerDivision(a: number, b: number, op: string): number {
  if (b === 0 && Number.isInteger(a) && Number.isInteger(b)) throw new ExpressionError(`Operator \`${op}\`: division by zero`);
  return op === '/' ? Math.trunc(a / b) : a % b;
}

export function pebbleOperator(op: string, a: unknown, b: unknown): unknown {
  switch (op) {
    case '==':
      assertPresent(a);
      assertPresent(b);
      return equal(a, b);
    case '!=':
      assertPresent(a);
      assertPresent(b);
      return !equal(a, b);
    case '<':
      return ordered(a, b, op) < 0;
    case '>':
      return ordered(a, b, op) > 0;
    case '<=':
      return ordered(a, b, op) <= 0;
    case '>=':
      return ordered(a, b, op) >= 0;
    case '+':
      return number(a, op) + number(b, op);
    case '-':
      return number(a, op) - number(b, op);
    case '*':
      return number(a, op) * number(b, op);
    case '/':
    case '%': {
      const x = number(a, op);
      const y = number(b, op);
      // Pebble keeps whole numbers whole (Java long arithmetic)
      if (Number.isInteger(x) && Number.isInteger(y)) return integerDivision(x, y, op);
      return op === '/' ? x / y : x % y;
    }
    case '~':
      return stringify(a) + stringify(b);
    case 'contains':
      return contains(a, b);
    case '..': {
      const from = number(a, op);
      const to = number(b, op);
      const out: number[] = [];
      if (to - from > 100000) throw new ExpressionError('Range `..` is too large');
      for (let i = from; i <= to; i++) out.push(i);
      return out;
    }
    case 'neg':
      return -number(a, '-');
    case 'pos':
      return number(a, '+');
  }
  throw new ExpressionError(`Unknown operator \`${op}\``);
}

/** Pebble's boolean reading of a condition; an undefined value fails. */
export function pebbleBool(v: unknown): boolean {
  assertPresent(v);
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '' && v !== 'false';
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

export function pebbleTest(name: string, negated: boolean, value: unknown, ...args: unknown[]): boolean {
  const test = PEBBLE_TESTS[name];
  if (!test) throw new ExpressionError(`Test [${name}] does not exist`);
  const result = test(value, ...args);
  return negated ? !result : result;
}

/** `??`: the left side unless it is undefined or null. */
export const isPresent = (v: unknown) => !isMissing(v) && v !== null && v !== undefined;
/** `???`: the left side unless it is undefined. */
export const isDefined = (v: unknown) => !isMissing(v);

/** A map literal (`{'a': 1}`); keys are strings, as in Kestra's JSON world. */
export function makeMap(...kv: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < kv.length; i += 2) {
    assertPresent(kv[i]);
    Object.defineProperty(out, stringify(kv[i]), { value: kv[i + 1], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** What `{% for %}` walks: lists as they are, maps as `{key, value}` entries (Pebble) or pairs. */
export function iterate(v: unknown, variables: number): unknown {
  assertPresent(v);
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return variables === 1 ? Object.entries(v).map(([key, value]) => ({ key, value })) : v;
  throw new ExpressionError('`for` can only loop over a list or a map');
}

export const OPERATOR_HELPERS: Record<string, (...args: never[]) => unknown> = {
  __op: pebbleOperator,
  __bool: pebbleBool,
  __test: pebbleTest,
  __present: isPresent,
  __defined: isDefined,
  __map: makeMap,
  __iter: iterate,
};
