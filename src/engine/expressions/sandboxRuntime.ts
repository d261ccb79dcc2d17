import nunjucks from 'nunjucks';
import { ExpressionError, Missing, UndefinedError } from './Missing';

/**
 * nunjucks compiles templates to JavaScript. Flows are untrusted input, so the
 * runtime hooks that compiled templates call are replaced with versions that
 * only ever see plain data:
 * - member lookups read own properties of plain objects and arrays, nothing
 *   else (no prototypes, no constructors, no methods);
 * - variable lookups read own properties of the context;
 * - calls are allowed only to functions this engine registered itself;
 * - printed lists and maps become JSON, as Kestra prints them.
 */

const FORBIDDEN = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const callable = new WeakSet<(...args: unknown[]) => unknown>();

export function allowCall<F extends (...args: never[]) => unknown>(fn: F): F {
  callable.add(fn as unknown as (...args: unknown[]) => unknown);
  return fn;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function guardName(name: unknown): string {
  const key = String(name);
  if (FORBIDDEN.has(key)) throw new ExpressionError(`Access to \`${key}\` is not allowed in an expression`);
  return key;
}

export function safeMember(obj: unknown, name: unknown): unknown {
  const key = guardName(name);
  // Kestra names the first name it could not find: `trigger` in `trigger.date`
  if (obj instanceof Missing) return obj;
  if (Array.isArray(obj)) {
    if (/^-?\d+$/.test(key)) {
      const i = Number(key);
      const idx = i < 0 ? obj.length + i : i;
      return idx >= 0 && idx < obj.length ? obj[idx] : new Missing(key);
    }
    return new Missing(key);
  }
  if (isPlainObject(obj) && Object.prototype.hasOwnProperty.call(obj, key)) {
    const v = obj[key];
    return v === undefined ? new Missing(key) : v;
  }
  return new Missing(key);
}

interface NunjucksContext {
  ctx: Record<string, unknown>;
  env: { globals: Record<string, unknown> };
}
interface NunjucksFrame {
  lookup(name: string): unknown;
}

let installed = false;

export function installSandbox(): void {
  if (installed) return;
  installed = true;
  const rt = (nunjucks as unknown as { runtime: Record<string, unknown> }).runtime;
  rt.memberLookup = safeMember;
  rt.contextOrFrameLookup = (context: NunjucksContext, frame: NunjucksFrame, name: string) => {
    const key = guardName(name);
    // the engine's own helpers (`__fn`, `__op`...) come only from its globals, never from data
    if (key.startsWith('__')) {
      return Object.prototype.hasOwnProperty.call(context.env.globals, key) ? context.env.globals[key] : new Missing(key);
    }
    const fromFrame = frame.lookup(key);
    if (fromFrame !== undefined) return fromFrame;
    if (Object.prototype.hasOwnProperty.call(context.ctx, key)) {
      const v = context.ctx[key];
      return v === undefined ? new Missing(key) : v;
    }
    if (Object.prototype.hasOwnProperty.call(context.env.globals, key)) {
      const g = context.env.globals[key];
      if (typeof g === 'function' && !callable.has(g as (...a: unknown[]) => unknown)) return new Missing(key);
      return g;
    }
    return new Missing(key);
  };
  rt.callWrap = (obj: unknown, name: string, context: unknown, args: unknown[]) => {
    if (obj instanceof Missing) throw new ExpressionError(`Unknown function \`${obj.path}\``);
    if (typeof obj !== 'function' || !callable.has(obj as (...a: unknown[]) => unknown)) {
      throw new ExpressionError(`\`${name}\` is not a function`);
    }
    return (obj as (...a: unknown[]) => unknown).apply(context, args);
  };
  rt.suppressValue = (val: unknown) => stringify(val);
}

/** Lists and maps as Jackson writes them: compact JSON. */
export function toJson(val: unknown): string {
  if (val instanceof Missing) throw new UndefinedError(val.path);
  return JSON.stringify(val, (_k, v: unknown) => {
    if (v instanceof Missing) throw new UndefinedError(v.path);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'function') return null;
    return v === undefined ? null : v;
  }) ?? 'null';
}

/** How Kestra prints a value: lists and maps as JSON, null as nothing. */
export function stringify(val: unknown): string {
  if (val instanceof Missing) throw new UndefinedError(val.path);
  if (val === null || val === undefined) return '';
  if (typeof val === 'string') return val;
  if (typeof val === 'function') throw new ExpressionError('A function cannot be printed: call it with `()`');
  if (Array.isArray(val) || isPlainObject(val)) return toJson(val);
  if (typeof val === 'object' && 'val' in (val as object) && typeof (val as { val: unknown }).val === 'string') {
    return (val as { val: string }).val; // nunjucks SafeString
  }
  if (typeof val === 'object') throw new ExpressionError('This value cannot be printed');
  return String(val);
}
