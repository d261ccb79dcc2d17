import { JinjaError } from './JinjaError';
import type { JinjaBudget } from './JinjaBudget';
import { pyFormat } from './pyFormat';
import { asInt, asString, compare, contains, dictGet, equals, findKey, iterate, MISSING, PyCallable, repr, str, type CallArgs, typeName } from './values';

/**
 * The methods templates may call on strings, lists and dicts (`.upper()`,
 * `.split()`, `.items()`, `.append()`…): an allow-list written here, so a
 * template reaches these and nothing else of the host.
 */
type Method = (self: never, call: CallArgs, budget: JinjaBudget) => unknown;

function arg(call: CallArgs, i: number, name: string, def: unknown = MISSING): unknown {
  if (call.args.length > i) return call.args[i];
  if (call.kwargs.has(name)) return call.kwargs.get(name);
  if (def === MISSING) throw new JinjaError(`missing argument '${name}'`);
  return def;
}

const WS = /^[\s\u0085]+|[\s\u0085]+$/g;

function stripChars(s: string, chars: unknown, side: 'both' | 'left' | 'right'): string {
  if (chars === null || chars === undefined || chars === MISSING) {
    if (side === 'both') return s.replace(WS, '');
    return side === 'left' ? s.replace(/^\s+/, '') : s.replace(/\s+$/, '');
  }
  const set = new Set([...asString(chars, 'strip() argument')]);
  let a = 0;
  let b = s.length;
  if (side !== 'right') while (a < b && set.has(s[a])) a++;
  if (side !== 'left') while (b > a && set.has(s[b - 1])) b--;
  return s.slice(a, b);
}

function split(s: string, sep: unknown, maxsplit: number, fromRight: boolean): string[] {
  if (sep === null || sep === undefined) {
    const words = s.trim().split(/\s+/).filter(Boolean);
    if (maxsplit < 0 || words.length <= maxsplit + 1) return words;
    if (fromRight) {
      const keep = words.splice(words.length - maxsplit);
      return [s.trim().slice(0, s.trim().length - keep.join(' ').length).trim(), ...keep];
    }
    const parts: string[] = [];
    let rest = s.replace(/^\s+/, '');
    for (let i = 0; i < maxsplit; i++) {
      const m = /\s+/.exec(rest);
      if (!m) break;
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return [...parts, rest];
  }
  const d = asString(sep, 'split() separator');
  if (!d) throw new JinjaError('empty separator');
  const all = s.split(d);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  if (fromRight) return [all.slice(0, all.length - maxsplit).join(d), ...all.slice(all.length - maxsplit)];
  return [...all.slice(0, maxsplit), all.slice(maxsplit).join(d)];
}

const STRING_METHODS: Record<string, (s: string, call: CallArgs, budget: JinjaBudget) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  title: (s) => s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase()),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  strip: (s, c) => stripChars(s, arg(c, 0, 'chars', null), 'both'),
  lstrip: (s, c) => stripChars(s, arg(c, 0, 'chars', null), 'left'),
  rstrip: (s, c) => stripChars(s, arg(c, 0, 'chars', null), 'right'),
  split: (s, c, b) => {
    const out = split(s, arg(c, 0, 'sep', null), asInt(arg(c, 1, 'maxsplit', -1), 'maxsplit'), false);
    b.items(out.length);
    return out;
  },
  rsplit: (s, c, b) => {
    const out = split(s, arg(c, 0, 'sep', null), asInt(arg(c, 1, 'maxsplit', -1), 'maxsplit'), true);
    b.items(out.length);
    return out;
  },
  splitlines: (s) => s.split(/\r\n|\r|\n/).filter((_, i, a) => i < a.length - 1 || a[i] !== ''),
  replace: (s, c, b) => {
    const old = asString(arg(c, 0, 'old'), 'replace() argument');
    const neu = asString(arg(c, 1, 'new'), 'replace() argument');
    const count = asInt(arg(c, 2, 'count', -1), 'count');
    if (old === '') throw new JinjaError('replace() with an empty old string is not supported here');
    let out = '';
    let from = 0;
    let n = 0;
    for (;;) {
      const at = s.indexOf(old, from);
      if (at < 0 || (count >= 0 && n >= count)) break;
      out += s.slice(from, at) + neu;
      b.chars(out.length);
      from = at + old.length;
      n++;
    }
    return out + s.slice(from);
  },
  startswith: (s, c) => {
    const p = arg(c, 0, 'prefix');
    return Array.isArray(p) ? p.some((x) => s.startsWith(asString(x, 'prefix'))) : s.startsWith(asString(p, 'prefix'));
  },
  endswith: (s, c) => {
    const p = arg(c, 0, 'suffix');
    return Array.isArray(p) ? p.some((x) => s.endsWith(asString(x, 'suffix'))) : s.endsWith(asString(p, 'suffix'));
  },
  find: (s, c) => s.indexOf(asString(arg(c, 0, 'sub'), 'find() argument'), asInt(arg(c, 1, 'start', 0), 'start')),
  rfind: (s, c) => s.lastIndexOf(asString(arg(c, 0, 'sub'), 'rfind() argument')),
  index: (s, c) => {
    const i = s.indexOf(asString(arg(c, 0, 'sub'), 'index() argument'));
    if (i < 0) throw new JinjaError('substring not found');
    return i;
  },
  count: (s, c) => {
    const sub = asString(arg(c, 0, 'sub'), 'count() argument');
    return sub ? s.split(sub).length - 1 : s.length + 1;
  },
  join: (s, c, b) => {
    const items = iterate(arg(c, 0, 'iterable'));
    const out = items.map((x) => {
      if (typeof x !== 'string') throw new JinjaError(`sequence item: expected str instance, ${typeName(x)} found`);
      return x;
    });
    const joined = out.join(s);
    b.chars(joined.length);
    return joined;
  },
  format: (s, c, b) => {
    const out = pyFormat(s, c.args, c.kwargs);
    b.chars(out.length);
    return out;
  },
  isdigit: (s) => s.length > 0 && /^\d+$/.test(s),
  isnumeric: (s) => s.length > 0 && /^\d+$/.test(s),
  isdecimal: (s) => s.length > 0 && /^\d+$/.test(s),
  isalpha: (s) => s.length > 0 && /^\p{L}+$/u.test(s),
  isalnum: (s) => s.length > 0 && /^[\p{L}\d]+$/u.test(s),
  isspace: (s) => s.length > 0 && /^\s+$/.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
  islower: (s) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  isidentifier: (s) => /^[A-Za-z_]\w*$/.test(s),
  zfill: (s, c, b) => {
    const w = asInt(arg(c, 0, 'width'), 'width');
    b.chars(w);
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(w - sign.length, '0');
  },
  ljust: (s, c, b) => {
    const w = asInt(arg(c, 0, 'width'), 'width');
    b.chars(w);
    return s.padEnd(w, str(arg(c, 1, 'fillchar', ' ')));
  },
  rjust: (s, c, b) => {
    const w = asInt(arg(c, 0, 'width'), 'width');
    b.chars(w);
    return s.padStart(w, str(arg(c, 1, 'fillchar', ' ')));
  },
  center: (s, c, b) => {
    const w = asInt(arg(c, 0, 'width'), 'width');
    b.chars(w);
    const n = Math.max(0, w - s.length);
    const left = Math.floor(n / 2) + (n % 2 && w % 2 ? 1 : 0);
    return ' '.repeat(left) + s + ' '.repeat(n - left);
  },
  partition: (s, c) => {
    const sep = asString(arg(c, 0, 'sep'), 'partition() argument');
    const i = s.indexOf(sep);
    return i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)];
  },
  rpartition: (s, c) => {
    const sep = asString(arg(c, 0, 'sep'), 'rpartition() argument');
    const i = s.lastIndexOf(sep);
    return i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)];
  },
  removeprefix: (s, c) => {
    const p = asString(arg(c, 0, 'prefix'), 'prefix');
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s, c) => {
    const p = asString(arg(c, 0, 'suffix'), 'suffix');
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
};

function listIndex(list: unknown[], i: number): number {
  const idx = i < 0 ? list.length + i : i;
  if (idx < 0 || idx >= list.length) throw new JinjaError('list index out of range');
  return idx;
}

const LIST_METHODS: Record<string, (l: unknown[], call: CallArgs, budget: JinjaBudget) => unknown> = {
  append: (l, c, b) => {
    b.items(l.length + 1);
    l.push(arg(c, 0, 'object'));
    return null;
  },
  extend: (l, c, b) => {
    const items = iterate(arg(c, 0, 'iterable'));
    b.items(l.length + items.length);
    for (const x of items) l.push(x);
    return null;
  },
  insert: (l, c, b) => {
    b.items(l.length + 1);
    let i = asInt(arg(c, 0, 'index'), 'index');
    if (i < 0) i = Math.max(0, l.length + i);
    l.splice(Math.min(i, l.length), 0, arg(c, 1, 'object'));
    return null;
  },
  pop: (l, c) => {
    if (!l.length) throw new JinjaError('pop from empty list');
    const i = listIndex(l, asInt(arg(c, 0, 'index', -1), 'index'));
    return l.splice(i, 1)[0];
  },
  remove: (l, c) => {
    const v = arg(c, 0, 'value');
    const i = l.findIndex((x) => equals(x, v));
    if (i < 0) throw new JinjaError('list.remove(x): x not in list');
    l.splice(i, 1);
    return null;
  },
  index: (l, c) => {
    const v = arg(c, 0, 'value');
    const i = l.findIndex((x) => equals(x, v));
    if (i < 0) throw new JinjaError(`${repr(v)} is not in list`);
    return i;
  },
  count: (l, c) => {
    const v = arg(c, 0, 'value');
    return l.filter((x) => equals(x, v)).length;
  },
  reverse: (l) => {
    l.reverse();
    return null;
  },
  sort: (l, c) => {
    const reverse = c.kwargs.get('reverse') === true;
    l.sort((a, b) => (reverse ? -compare(a, b) : compare(a, b)));
    return null;
  },
  copy: (l) => [...l],
  clear: (l) => {
    l.length = 0;
    return null;
  },
};

const DICT_METHODS: Record<string, (d: Map<unknown, unknown>, call: CallArgs, budget: JinjaBudget) => unknown> = {
  get: (d, c) => {
    const v = dictGet(d, arg(c, 0, 'key'));
    return v === MISSING ? arg(c, 1, 'default', null) : v;
  },
  items: (d) => [...d].map(([k, v]) => [k, v]),
  keys: (d) => [...d.keys()],
  values: (d) => [...d.values()],
  update: (d, c, b) => {
    const src = c.args.length ? c.args[0] : null;
    if (src instanceof Map) for (const [k, v] of src) d.set(findKey(d, k) === MISSING ? k : findKey(d, k), v);
    else if (Array.isArray(src)) for (const pair of src) d.set((pair as unknown[])[0], (pair as unknown[])[1]);
    else if (src !== null) throw new JinjaError(`dict.update() expects a dict, got ${typeName(src)}`);
    for (const [k, v] of c.kwargs) d.set(k, v);
    b.items(d.size);
    return null;
  },
  pop: (d, c) => {
    const k = findKey(d, arg(c, 0, 'key'));
    if (k === MISSING) {
      const def = arg(c, 1, 'default', MISSING);
      if (def === MISSING) throw new JinjaError(`KeyError: ${repr(c.args[0])}`);
      return def;
    }
    const v = d.get(k);
    d.delete(k);
    return v;
  },
  setdefault: (d, c) => {
    const key = arg(c, 0, 'key');
    const k = findKey(d, key);
    if (k !== MISSING) return d.get(k);
    const v = arg(c, 1, 'default', null);
    d.set(key, v);
    return v;
  },
  copy: (d) => new Map(d),
  clear: (d) => {
    d.clear();
    return null;
  },
  has_key: (d, c) => contains(d, arg(c, 0, 'key')),
};

/** A method bound to its receiver: what `'a'.upper` evaluates to. */
export class BoundMethod extends PyCallable {
  constructor(
    readonly name: string,
    private readonly self: unknown,
    private readonly method: Method,
  ) {
    super();
  }
  async invoke(call: CallArgs, env: unknown): Promise<unknown> {
    return this.method(this.self as never, call, (env as { budget: JinjaBudget }).budget);
  }
}

/** The method `name` of a string, list or dict, or MISSING. */
export function methodOf(value: unknown, name: string): unknown {
  let table: Record<string, Method> | null = null;
  if (typeof value === 'string') table = STRING_METHODS as Record<string, Method>;
  else if (Array.isArray(value)) table = LIST_METHODS as Record<string, Method>;
  else if (value instanceof Map) table = DICT_METHODS as Record<string, Method>;
  if (!table || !Object.prototype.hasOwnProperty.call(table, name)) return MISSING;
  return new BoundMethod(`${typeName(value)}.${name}`, value, table[name]);
}
