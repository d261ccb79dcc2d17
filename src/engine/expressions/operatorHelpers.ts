import { ExpressionError } from './ExpressionError';
import type { RenderBudget } from './RenderBudget';
import { hasOwn, isPlainObject, stringify } from './values';

/**
 * Pebble's operators (Pebble 3.2's OperatorUtils and expression nodes, the
 * version Kestra 0.20 and 1.x ship), on the plain values templates work with.
 */

/** Java's equals() on plain data: numbers by value, lists and maps element by element. */
export function pebbleEquals(a: unknown, b: unknown, budget?: RenderBudget): boolean {
  budget?.step();
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => pebbleEquals(x, b[i], budget));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => hasOwn(b, k) && pebbleEquals(a[k], b[k], budget));
  }
  return false;
}

const COMPARISON: Record<string, string> = { '<': 'LESS_THAN', '>': 'GREATER_THAN', '<=': 'LESS_THAN_EQUALS', '>=': 'GREATER_THAN_EQUALS' };
const OPERATION: Record<string, string> = { '+': 'ADD', '-': 'SUBTRACT', '*': 'MULTIPLICATION', '/': 'DIVISION', '%': 'MODULUS' };

function compare(op: string, a: unknown, b: unknown): boolean {
  if (a === null || b === null) return false;
  if (typeof a !== 'number' || typeof b !== 'number') {
    throw new ExpressionError(`invalid operands for mathematical comparison [${COMPARISON[op]}]`);
  }
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

function arithmetic(op: string, a: unknown, b: unknown): number {
  if (typeof a !== 'number' || typeof b !== 'number') {
    throw new ExpressionError(`invalid operands for mathematical operation [${OPERATION[op]}]`);
  }
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    default: {
      // whole numbers are Java longs: integer division, and division by zero fails
      if (Number.isInteger(a) && Number.isInteger(b)) {
        if (b === 0) throw new ExpressionError('/ by zero');
        return op === '/' ? Math.trunc(a / b) : a % b;
      }
      return op === '/' ? a / b : a % b;
    }
  }
}

/** How Java's toString() prints a value inside `~`: lists as `[a, b]`, maps as `{k=v}`. */
export function javaString(v: unknown, budget?: RenderBudget): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) {
    budget?.items(v.length);
    return `[${v.map((x) => javaString(x, budget)).join(', ')}]`;
  }
  if (isPlainObject(v)) return `{${Object.entries(v).map(([k, x]) => `${k}=${javaString(x, budget)}`).join(', ')}}`;
  return stringify(v, budget);
}

/** `contains`: a list holds the item (or every item of a list), a map has the key, a string has the text. */
function contains(container: unknown, item: unknown, budget?: RenderBudget): boolean {
  if (container === null || container === undefined) return false;
  if (Array.isArray(container)) {
    if (Array.isArray(item)) return item.every((i) => container.some((c) => pebbleEquals(c, i, budget)));
    return container.some((c) => pebbleEquals(c, item, budget));
  }
  if (isPlainObject(container)) return typeof item === 'string' || typeof item === 'number' ? hasOwn(container, String(item)) : false;
  if (typeof container === 'string') return container.includes(item === null ? 'null' : stringify(item, budget));
  throw new ExpressionError('Contains operator can only be used on Collections, Maps and arrays');
}

/** Pebble's range function, which `..` also calls: numbers, or single characters. */
export function pebbleRange(start: unknown, end: unknown, increment: unknown = 1, budget?: RenderBudget): unknown[] {
  if (typeof increment !== 'number') throw new ExpressionError(`The increment of the range function must be a number ${stringify(increment)}`);
  const step = Math.trunc(increment);
  if (step === 0) throw new ExpressionError('The increment of the range function must be different than 0');
  let from: number;
  let to: number;
  let chars = false;
  if (typeof start === 'number' && typeof end === 'number') {
    from = Math.trunc(start);
    to = Math.trunc(end);
  } else if (typeof start === 'string' && typeof end === 'string' && start.length === 1 && end.length === 1) {
    from = start.charCodeAt(0);
    to = end.charCodeAt(0);
    chars = true;
  } else {
    throw new ExpressionError('Arguments of range function must be of type Number or String with a length of 1');
  }
  const count = step > 0 ? Math.floor((to - from) / step) + 1 : Math.floor((from - to) / -step) + 1;
  budget?.items(Math.max(0, count));
  const out: unknown[] = [];
  for (let i = from; step > 0 ? i <= to : i >= to; i += step) out.push(chars ? String.fromCharCode(i) : i);
  return out;
}

/** The binary operators other than `and`, `or`, `??`, `???` (which decide themselves what they evaluate). */
export function pebbleOperator(op: string, a: unknown, b: unknown, budget?: RenderBudget): unknown {
  switch (op) {
    case '==':
      return pebbleEquals(a, b, budget);
    case '!=':
      return !pebbleEquals(a, b, budget);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(op, a, b);
    case '+': {
      if (typeof a === 'string' || typeof b === 'string') {
        const s = javaString(a, budget) + javaString(b, budget);
        budget?.chars(s.length);
        return s;
      }
      if (Array.isArray(a)) {
        const out = Array.isArray(b) ? [...a, ...b] : [...a, b];
        budget?.items(out.length);
        return out;
      }
      return arithmetic(op, a, b);
    }
    case '-':
      if (Array.isArray(a)) return a.filter((x) => (Array.isArray(b) ? !b.some((y) => pebbleEquals(x, y, budget)) : !pebbleEquals(x, b, budget)));
      return arithmetic(op, a, b);
    case '*':
    case '/':
    case '%':
      return arithmetic(op, a, b);
    case '~': {
      const s = (a === null || a === undefined ? '' : javaString(a, budget)) + (b === null || b === undefined ? '' : javaString(b, budget));
      budget?.chars(s.length);
      return s;
    }
    case 'contains':
      return contains(a, b, budget);
    case '..':
      return pebbleRange(a, b, 1, budget);
  }
  throw new ExpressionError(`Unknown operator \`${op}\``);
}

/** Unary `-` and `+`: Pebble multiplies by -1 or 1. */
export function pebbleUnary(op: '-' | '+', v: unknown): number {
  if (typeof v !== 'number') throw new ExpressionError('invalid operands for mathematical operation [MULTIPLICATION]');
  return op === '-' ? -v : v;
}

/**
 * How Pebble reads a condition (`if`, `not`, `and`, `or`, `? :`): booleans
 * as they are, numbers other than 0, non-empty strings; null is an error
 * under Kestra's strict variables, and so is a list or a map.
 */
export function pebbleBool(v: unknown, where: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return !Number.isNaN(v) && v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (v === null || v === undefined) throw new ExpressionError(`null value given to ${where} and strict variables is set to true`);
  const type = Array.isArray(v) ? 'List' : 'Map';
  throw new ExpressionError(`Unsupported value type ${type}. Expected Boolean, String, Number in "if" statement`);
}

/** What `{% for %}` walks: lists as they are, maps as `{key, value}` entries; null walks nothing. */
export function iterate(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return Object.entries(v).map(([key, value]) => ({ key, value }));
  throw new ExpressionError(`Not an iterable object. Value = [${javaString(v)}]`);
}
