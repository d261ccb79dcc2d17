import { JinjaError } from './JinjaError';

/**
 * The values dbt's Jinja works with, as Python sees them, kept as plain data:
 * - `null` is None, an `Undefined` is a name that is not defined;
 * - booleans, numbers (one JS number for Python's int and float), strings;
 * - arrays are lists (and tuples), `Map`s are dicts (insertion-ordered, any key);
 * - `PyObject`s are the objects the runner hands to templates (relations,
 *   columns, `adapter`, `config`…): they answer only the attributes they list;
 * - `PyCallable`s are macros and context functions.
 * Nothing here reaches a JavaScript prototype, constructor or global.
 */
export type Kwargs = Map<string, unknown>;

export interface CallArgs {
  args: unknown[];
  kwargs: Kwargs;
  /** The `caller` macro of a `{% call %}` block. */
  caller?: PyCallable;
}

/** Something a template can call. `invoke` receives the interpreter's call environment. */
export abstract class PyCallable {
  abstract readonly name: string;
  abstract invoke(call: CallArgs, env: unknown): Promise<unknown>;
  /** Attributes of the callable itself (`var.has_var`, `config.get`, `caller`…). */
  getAttr(_name: string): unknown {
    return MISSING;
  }
}

/** A context function written in TypeScript (ref, source, env_var, adapter methods…). */
export class NativeFunction extends PyCallable {
  constructor(
    readonly name: string,
    private readonly fn: (call: CallArgs, env: unknown) => unknown | Promise<unknown>,
    private readonly attrs: Record<string, unknown> = {},
  ) {
    super();
  }
  invoke(call: CallArgs, env: unknown): Promise<unknown> {
    return Promise.resolve(this.fn(call, env));
  }
  getAttr(name: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.attrs, name) ? this.attrs[name] : MISSING;
  }
}

/** An object with named attributes (Python's getattr). */
export abstract class PyObject {
  /** Python type name, for messages (`Relation`, `Column`…). */
  abstract readonly typeName: string;
  abstract getAttr(name: string): unknown;
  /** `str(obj)`. */
  toStr(): string {
    return `<${this.typeName}>`;
  }
  /** `obj[key]`; defaults to getattr. */
  getItem(key: unknown): unknown {
    return typeof key === 'string' ? this.getAttr(key) : MISSING;
  }
  /** Python truthiness. */
  truthy(): boolean {
    return true;
  }
}

/** An object built from a record of attributes (target, flags, modules…). */
export class AttrObject extends PyObject {
  constructor(
    readonly typeName: string,
    private readonly attrs: Record<string, unknown>,
    private readonly str?: string,
  ) {
    super();
  }
  getAttr(name: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.attrs, name) ? this.attrs[name] : MISSING;
  }
  toStr(): string {
    return this.str ?? super.toStr();
  }
}

/** Jinja's `namespace()`: an object whose attributes `{% set ns.x = … %}` may change. */
export class Namespace extends PyObject {
  readonly typeName = 'Namespace';
  constructor(readonly attrs: Map<string, unknown>) {
    super();
  }
  getAttr(name: string): unknown {
    return this.attrs.has(name) ? this.attrs.get(name) : MISSING;
  }
  toStr(): string {
    return `<Namespace ${[...this.attrs].map(([k, v]) => `${k}=${repr(v)}`).join(', ')}>`;
  }
}

/** A name or attribute that does not exist. Prints as nothing; using it further is an error naming it. */
export class Undefined {
  constructor(
    readonly name: string,
    readonly hint = '',
  ) {}
  fail(): never {
    throw new JinjaError(`'${this.name}' is undefined${this.hint}`);
  }
}

/** What getAttr returns for an attribute an object does not have. */
export const MISSING: unique symbol = Symbol('missing');

export const isUndefined = (v: unknown): v is Undefined => v instanceof Undefined;
export const isDict = (v: unknown): v is Map<unknown, unknown> => v instanceof Map;
export const isList = (v: unknown): v is unknown[] => Array.isArray(v);
export const isCallable = (v: unknown): v is PyCallable => v instanceof PyCallable;

export function typeName(v: unknown): string {
  if (v === null) return 'NoneType';
  if (v instanceof Undefined) return 'Undefined';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Map) return 'dict';
  if (v instanceof PyCallable) return 'function';
  if (v instanceof PyObject) return v.typeName;
  return 'object';
}

export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v instanceof Undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof PyObject) return v.truthy();
  return true;
}

/** Python's repr() of a float or int. */
function numberText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  // integers print every digit; other numbers as JavaScript writes them, with Python's two-digit exponent
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's repr() of a string: single quotes unless the text has one and no double quote. */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python's repr(). */
export function repr(v: unknown, depth = 0): string {
  if (depth > 50) return '...';
  if (v === null || v === undefined) return 'None';
  if (v instanceof Undefined) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return reprString(v);
  if (Array.isArray(v)) return '[' + v.map((x) => repr(x, depth + 1)).join(', ') + ']';
  if (v instanceof Map) return '{' + [...v].map(([k, x]) => `${repr(k, depth + 1)}: ${repr(x, depth + 1)}`).join(', ') + '}';
  if (v instanceof PyCallable) return `<function ${v.name}>`;
  if (v instanceof PyObject) return v.toStr();
  return String(v);
}

/** Python's str(): what `{{ value }}` prints. */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Undefined) return '';
  if (v instanceof PyObject) return v.toStr();
  return repr(v);
}

/** Python's `==`. */
export function equals(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (a instanceof Undefined || b instanceof Undefined) return a instanceof Undefined && b instanceof Undefined;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'boolean' || typeof a === 'number') {
    if (typeof b === 'boolean' || typeof b === 'number') return Number(a) === Number(b);
    return false;
  }
  if (typeof a === 'string') return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equals(x, b[i], depth + 1));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      const key = findKey(b, k);
      if (key === MISSING || !equals(v, b.get(key), depth + 1)) return false;
    }
    return true;
  }
  if (a instanceof PyObject && b instanceof PyObject && 'equals' in a && typeof (a as { equals: unknown }).equals === 'function') {
    return (a as unknown as { equals(o: unknown): boolean }).equals(b);
  }
  return a === b;
}

/** The key of `dict` equal to `key` (1 and 1.0 and True are one key in Python). */
export function findKey(dict: Map<unknown, unknown>, key: unknown): unknown {
  if (dict.has(key)) return key;
  if (typeof key === 'number' || typeof key === 'boolean') {
    for (const k of dict.keys()) if ((typeof k === 'number' || typeof k === 'boolean') && Number(k) === Number(key)) return k;
  }
  return MISSING;
}

export function dictGet(dict: Map<unknown, unknown>, key: unknown): unknown {
  const k = findKey(dict, key);
  return k === MISSING ? MISSING : dict.get(k);
}

/** Python's ordering (`<`): numbers with numbers, strings with strings, lists item by item. */
export function compare(a: unknown, b: unknown): number {
  const num = (x: unknown) => typeof x === 'number' || typeof x === 'boolean';
  if (num(a) && num(b)) return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!equals(a[i], b[i])) return compare(a[i], b[i]);
    }
    return a.length - b.length;
  }
  if (a instanceof PyObject && b instanceof PyObject && 'compareTo' in a) {
    return (a as unknown as { compareTo(o: unknown): number }).compareTo(b);
  }
  throw new JinjaError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** The items a value iterates over: a list's items, a dict's keys, a string's characters. */
export function iterate(v: unknown): unknown[] {
  if (v instanceof Undefined) return [];
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return [...v.keys()];
  if (typeof v === 'string') return [...v];
  if (v instanceof PyObject && 'items' in v && typeof (v as { items: unknown }).items === 'function') {
    return (v as unknown as { items(): unknown[] }).items();
  }
  throw new JinjaError(`'${typeName(v)}' object is not iterable`);
}

export function length(v: unknown): number {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map) return v.size;
  if (v instanceof Undefined) return 0;
  if (v instanceof PyObject && 'items' in v) return iterate(v).length;
  throw new JinjaError(`object of type '${typeName(v)}' has no len()`);
}

/** Python's `x in container`. */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new JinjaError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => equals(x, item));
  if (container instanceof Map) return findKey(container, item) !== MISSING;
  if (container instanceof Undefined) return false;
  if (container instanceof PyObject) return iterate(container).some((x) => equals(x, item));
  throw new JinjaError(`argument of type '${typeName(container)}' is not iterable`);
}

/** A plain JS value (from YAML or JSON) as a Python value: objects become dicts. */
export function fromPlain(v: unknown): unknown {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(fromPlain);
  if (v instanceof Map || v instanceof PyObject || v instanceof PyCallable || v instanceof Undefined) return v;
  if (v !== null && typeof v === 'object') {
    if (v instanceof Date) return v.toISOString();
    const m = new Map<unknown, unknown>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, fromPlain(x));
    return m;
  }
  return v;
}

/** A Python value as plain JS data (dicts become objects with string keys), for YAML, JSON and configs. */
export function toPlain(v: unknown, depth = 0): unknown {
  if (depth > 100) throw new JinjaError('a value nested more than 100 levels deep');
  if (v instanceof Undefined) return null;
  if (Array.isArray(v)) return v.map((x) => toPlain(x, depth + 1));
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) Object.defineProperty(o, str(k), { value: toPlain(x, depth + 1), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (v instanceof PyObject) {
    const plain = (v as unknown as { toPlain?: () => unknown }).toPlain;
    return typeof plain === 'function' ? plain.call(v) : v.toStr();
  }
  if (v instanceof PyCallable) return `<function ${v.name}>`;
  return v;
}

/** Keyword and positional arguments of a native function, Python-style. */
export function bindArgs(fn: string, call: CallArgs, names: string[], defaults: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (call.args.length > names.length) throw new JinjaError(`${fn}() takes at most ${names.length} positional argument${names.length === 1 ? '' : 's'} (${call.args.length} given)`);
  call.args.forEach((a, i) => (out[names[i]] = a));
  for (const [k, v] of call.kwargs) {
    if (!names.includes(k)) throw new JinjaError(`${fn}() got an unexpected keyword argument '${k}'`);
    if (k in out) throw new JinjaError(`${fn}() got multiple values for argument '${k}'`);
    out[k] = v;
  }
  for (const n of names) {
    if (!(n in out)) {
      if (n in defaults) out[n] = defaults[n];
      else throw new JinjaError(`${fn}() missing required argument '${n}'`);
    }
  }
  return out;
}

export function asString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new JinjaError(`${what} must be a string, got ${typeName(v)} ${repr(v).slice(0, 60)}`);
  return v;
}

export function asInt(v: unknown, what: string): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new JinjaError(`${what} must be an integer, got ${typeName(v)} ${repr(v).slice(0, 60)}`);
  return v;
}
