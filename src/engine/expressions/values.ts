import { ExpressionError, UndefinedError } from './ExpressionError';
import type { RenderBudget } from './RenderBudget';

/**
 * The values templates work with are plain data: strings, numbers, booleans,
 * null, arrays and plain objects. Reading a member reads an own property of a
 * plain object or an index of an array, nothing else: no prototypes, no
 * constructors, no methods.
 */

const FORBIDDEN = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** `obj.name` / `obj[name]`, strictly: an unknown key is an UndefinedError naming it, as in Kestra. */
export function memberOf(obj: unknown, name: unknown): unknown {
  const key = typeof name === 'string' ? name : typeof name === 'number' ? String(name) : stringify(name);
  if (FORBIDDEN.has(key)) throw new ExpressionError(`Access to \`${key}\` is not allowed in an expression`);
  if (obj === null || obj === undefined) throw new UndefinedError(key);
  if (Array.isArray(obj)) {
    if (/^-?\d+$/.test(key)) {
      const i = Number(key);
      const idx = i < 0 ? obj.length + i : i;
      if (idx >= 0 && idx < obj.length) return obj[idx];
    }
    throw new UndefinedError(key);
  }
  if (isPlainObject(obj) && hasOwn(obj, key)) {
    const v = obj[key];
    if (v === undefined) throw new UndefinedError(key);
    return v;
  }
  throw new UndefinedError(key);
}

/** A map a template builds: keys are strings, as in Kestra's JSON world, and `__proto__` is just a key. */
export function newMap(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

function jsonString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Lists and maps as Jackson writes them: compact JSON. Written by hand so a
 * budget can stop a value that would print as gigabytes (a list of lists
 * nested ten deep) before it is built.
 */
export function toJson(val: unknown, budget?: RenderBudget): string {
  const parts: string[] = [];
  let length = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
    if (budget && length > budget.limits.maxChars) budget.chars(length);
  };
  const stack: unknown[] = [];
  const write = (v: unknown): void => {
    budget?.step();
    if (v === null || v === undefined || typeof v === 'function') return push('null');
    if (typeof v === 'string') return push(jsonString(v));
    if (typeof v === 'number') return push(Number.isFinite(v) ? String(v) : JSON.stringify(String(v)));
    if (typeof v === 'boolean') return push(v ? 'true' : 'false');
    if (typeof v === 'bigint') return push(v.toString());
    if (stack.includes(v)) throw new ExpressionError('This value refers to itself and cannot be printed');
    stack.push(v);
    if (Array.isArray(v)) {
      push('[');
      v.forEach((item, i) => {
        if (i) push(',');
        write(item);
      });
      push(']');
    } else if (v instanceof Uint8Array) {
      push(jsonString(`<${v.length} bytes>`));
    } else if (typeof v === 'object') {
      push('{');
      let first = true;
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        if (item === undefined) continue;
        if (!first) push(',');
        first = false;
        push(jsonString(k));
        push(':');
        write(item);
      }
      push('}');
    }
    stack.pop();
  };
  write(val);
  return parts.join('');
}

/** How Kestra prints a value: lists and maps as JSON, null as nothing. */
export function stringify(val: unknown, budget?: RenderBudget): string {
  if (val === null || val === undefined) return '';
  if (typeof val === 'string') return val;
  if (typeof val === 'number' || typeof val === 'boolean' || typeof val === 'bigint') return String(val);
  if (typeof val === 'function') throw new ExpressionError('A function cannot be printed: call it with `()`');
  if (typeof val === 'object') return toJson(val, budget);
  throw new ExpressionError('This value cannot be printed');
}
