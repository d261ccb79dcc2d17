import { JinjaError } from './JinjaError';
import type { JinjaBudget } from './JinjaBudget';
import { percentFormat } from './pyFormat';
import { asInt, compare, equals, iterate, length, PyObject, repr, str, truthy, typeName, Undefined, type Kwargs } from './values';
import { runTest } from './tests';
import { toJsonText } from './json';

/** What a filter may ask of the interpreter. */
export interface FilterEnv {
  budget: JinjaBudget;
  /** Jinja's getattr (attribute, then item). */
  getAttr(obj: unknown, name: string): unknown;
}

type Filter = (value: unknown, args: unknown[], kwargs: Kwargs, env: FilterEnv) => unknown;

const kw = (args: unknown[], kwargs: Kwargs, i: number, name: string, def: unknown) => (args.length > i ? args[i] : kwargs.has(name) ? kwargs.get(name) : def);

function attrPath(env: FilterEnv, obj: unknown, path: unknown): unknown {
  let v = obj;
  for (const part of String(path).split('.')) {
    v = /^\d+$/.test(part) && Array.isArray(v) ? v[Number(part)] : env.getAttr(v, part);
  }
  return v;
}

function toNumber(v: unknown, def: number, integer: boolean): number {
  if (typeof v === 'number') return integer ? Math.trunc(v) : v;
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'string') {
    const t = v.trim().replace(/_/g, '');
    if (integer && /^[+-]?\d+$/.test(t)) return Number(t);
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return integer ? Math.trunc(Number(t)) : Number(t);
    if (!integer && /^[+-]?(inf|infinity|nan)$/i.test(t)) return Number(t.replace(/inf(inity)?/i, 'Infinity').replace(/nan/i, 'NaN'));
  }
  return def;
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

function selectLike(keep: boolean, byAttr: boolean): Filter {
  return (value, args, _kwargs, env) => {
    const items = iterate(value);
    const [first, ...rest] = args;
    return items.filter((x) => {
      const subject = byAttr ? attrPath(env, x, first) : x;
      const testName = byAttr ? rest[0] : first;
      const testArgs = byAttr ? rest.slice(1) : rest;
      const ok = testName === undefined ? truthy(subject) : runTest(String(testName), subject, testArgs);
      return ok === keep;
    });
  };
}

function sortKey(env: FilterEnv, x: unknown, attribute: unknown, caseSensitive: boolean): unknown {
  let v = attribute !== null && attribute !== undefined ? attrPath(env, x, attribute) : x;
  if (!caseSensitive && typeof v === 'string') v = v.toLowerCase();
  return v;
}

export const FILTERS: Record<string, Filter> = {
  abs: (v) => Math.abs(toNumber(v, NaN, false)),
  attr: (v, a, _k, env) => env.getAttr(v, String(a[0])),
  batch: (v, a, k, env) => {
    const size = asInt(kw(a, k, 0, 'linecount', 1), 'batch size');
    if (size <= 0) throw new JinjaError('batch size must be positive');
    const fill = kw(a, k, 1, 'fill_with', undefined);
    const items = iterate(v);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    if (fill !== undefined && out.length) while (out[out.length - 1].length < size) out[out.length - 1].push(fill);
    env.budget.items(out.length);
    return out;
  },
  capitalize: (v) => {
    const s = str(v);
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  },
  center: (v, a, k, env) => {
    const w = asInt(kw(a, k, 0, 'width', 80), 'width');
    env.budget.chars(w);
    const s = str(v);
    const n = Math.max(0, w - s.length);
    return ' '.repeat(Math.floor(n / 2)) + s + ' '.repeat(Math.ceil(n / 2));
  },
  count: (v) => length(v),
  length: (v) => length(v),
  default: (v, a, k) => {
    const def = kw(a, k, 0, 'default_value', '');
    const boolean = truthy(kw(a, k, 1, 'boolean', false));
    return v instanceof Undefined || (boolean && !truthy(v)) ? def : v;
  },
  dictsort: (v, a, k) => {
    if (!(v instanceof Map)) throw new JinjaError(`dictsort expects a dict, got ${typeName(v)}`);
    const caseSensitive = truthy(kw(a, k, 0, 'case_sensitive', false));
    const by = kw(a, k, 1, 'by', 'key');
    const reverse = truthy(kw(a, k, 2, 'reverse', false));
    const pos = by === 'value' ? 1 : 0;
    const items = [...v].map(([x, y]) => [x, y]);
    items.sort((p, q) => {
      let x = p[pos];
      let y = q[pos];
      if (!caseSensitive && typeof x === 'string' && typeof y === 'string') {
        x = x.toLowerCase();
        y = y.toLowerCase();
      }
      return reverse ? -compare(x, y) : compare(x, y);
    });
    return items;
  },
  escape: (v) => html(str(v)),
  e: (v) => html(str(v)),
  forceescape: (v) => html(str(v)),
  first: (v) => {
    const items = iterate(v);
    return items.length ? items[0] : new Undefined('first', ' (the sequence is empty)');
  },
  last: (v) => {
    const items = iterate(v);
    return items.length ? items[items.length - 1] : new Undefined('last', ' (the sequence is empty)');
  },
  float: (v, a, k) => toNumber(v, Number(kw(a, k, 0, 'default', 0)), false),
  int: (v, a, k) => {
    const base = asInt(kw(a, k, 1, 'base', 10), 'base');
    if (typeof v === 'string' && base !== 10) {
      const n = parseInt(v.trim().replace(/^0[xob]/i, ''), base);
      return Number.isNaN(n) ? kw(a, k, 0, 'default', 0) : n;
    }
    return toNumber(v, Number(kw(a, k, 0, 'default', 0)), true);
  },
  format: (v, a, k, env) => {
    const out = percentFormat(str(v), a.length === 1 ? a[0] : a.length ? a : k.size ? k : []);
    env.budget.chars(out.length);
    return out;
  },
  indent: (v, a, k, env) => {
    const width = kw(a, k, 0, 'width', 4);
    const first = truthy(kw(a, k, 1, 'first', false));
    const blank = truthy(kw(a, k, 2, 'blank', false));
    const pad = typeof width === 'string' ? width : ' '.repeat(asInt(width, 'width'));
    const lines = str(v).split('\n');
    const out = lines.map((l, i) => (i === 0 && !first) || (!blank && l.trim() === '') ? l : pad + l).join('\n');
    env.budget.chars(out.length);
    return out;
  },
  items: (v) => (v instanceof Map ? [...v].map(([x, y]) => [x, y]) : v instanceof Undefined ? [] : iterate(v)),
  join: (v, a, k, env) => {
    const sep = str(kw(a, k, 0, 'd', ''));
    const attribute = kw(a, k, 1, 'attribute', null);
    const out = iterate(v)
      .map((x) => str(attribute !== null ? attrPath(env, x, attribute) : x))
      .join(sep);
    env.budget.chars(out.length);
    return out;
  },
  list: (v, _a, _k, env) => {
    const out = [...iterate(v)];
    env.budget.items(out.length);
    return out;
  },
  lower: (v) => str(v).toLowerCase(),
  upper: (v) => str(v).toUpperCase(),
  title: (v) => str(v).toLowerCase().replace(/(^|[^A-Za-z0-9])([a-z])/g, (_m, x: string, y: string) => x + y.toUpperCase()),
  trim: (v, a, k) => {
    const chars = kw(a, k, 0, 'chars', null);
    const s = str(v);
    if (chars === null) return s.trim();
    const set = new Set([...str(chars)]);
    let i = 0;
    let j = s.length;
    while (i < j && set.has(s[i])) i++;
    while (j > i && set.has(s[j - 1])) j--;
    return s.slice(i, j);
  },
  striptags: (v) => str(v).replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim(),
  map: (v, a, k, env) => {
    const items = iterate(v);
    if (k.has('attribute')) {
      const def = k.has('default') ? k.get('default') : undefined;
      return items.map((x) => {
        const r = attrPath(env, x, k.get('attribute'));
        return r instanceof Undefined && def !== undefined ? def : r;
      });
    }
    const name = String(a[0]);
    const f = filterNamed(name);
    return items.map((x) => f(x, a.slice(1), new Map(), env));
  },
  max: (v, a, k, env) => {
    const items = iterate(v);
    if (!items.length) return new Undefined('max', ' (the sequence is empty)');
    const attribute = kw(a, k, 1, 'attribute', null);
    const cs = truthy(kw(a, k, 0, 'case_sensitive', false));
    return items.reduce((m, x) => (compare(sortKey(env, x, attribute, cs), sortKey(env, m, attribute, cs)) > 0 ? x : m));
  },
  min: (v, a, k, env) => {
    const items = iterate(v);
    if (!items.length) return new Undefined('min', ' (the sequence is empty)');
    const attribute = kw(a, k, 1, 'attribute', null);
    const cs = truthy(kw(a, k, 0, 'case_sensitive', false));
    return items.reduce((m, x) => (compare(sortKey(env, x, attribute, cs), sortKey(env, m, attribute, cs)) < 0 ? x : m));
  },
  replace: (v, a, k, env) => {
    const s = str(v);
    const old = str(kw(a, k, 0, 'old', ''));
    const neu = str(kw(a, k, 1, 'new', ''));
    const count = kw(a, k, 2, 'count', null);
    if (!old) return s;
    let out = '';
    let from = 0;
    let n = 0;
    for (;;) {
      const at = s.indexOf(old, from);
      if (at < 0 || (count !== null && n >= Number(count))) break;
      out += s.slice(from, at) + neu;
      env.budget.chars(out.length);
      from = at + old.length;
      n++;
    }
    return out + s.slice(from);
  },
  reverse: (v) => (typeof v === 'string' ? [...v].reverse().join('') : [...iterate(v)].reverse()),
  round: (v, a, k) => {
    const precision = asInt(kw(a, k, 0, 'precision', 0), 'precision');
    const method = String(kw(a, k, 1, 'method', 'common'));
    const n = toNumber(v, NaN, false);
    const f = 10 ** precision;
    const fn = method === 'ceil' ? Math.ceil : method === 'floor' ? Math.floor : (x: number) => Math.sign(x) * Math.round(Math.abs(x));
    return fn(n * f) / f;
  },
  safe: (v) => str(v),
  select: selectLike(true, false),
  reject: selectLike(false, false),
  selectattr: selectLike(true, true),
  rejectattr: selectLike(false, true),
  sort: (v, a, k, env) => {
    const reverse = truthy(kw(a, k, 0, 'reverse', false));
    const cs = truthy(kw(a, k, 1, 'case_sensitive', false));
    const attribute = kw(a, k, 2, 'attribute', null);
    const items = [...iterate(v)];
    items.sort((x, y) => {
      const c = compare(sortKey(env, x, attribute, cs), sortKey(env, y, attribute, cs));
      return reverse ? -c : c;
    });
    return items;
  },
  string: (v) => str(v),
  sum: (v, a, k, env) => {
    const attribute = kw(a, k, 0, 'attribute', null);
    let total = kw(a, k, 1, 'start', 0) as number;
    for (const x of iterate(v)) total += toNumber(attribute !== null ? attrPath(env, x, attribute) : x, NaN, false);
    return total;
  },
  tojson: (v, a, k, env) => {
    const indent = kw(a, k, 0, 'indent', null);
    const out = toJsonText(v, { sortKeys: true, indent: indent === null ? null : asInt(indent, 'indent'), htmlSafe: true });
    env.budget.chars(out.length);
    return out;
  },
  truncate: (v, a, k) => {
    const s = str(v);
    const n = asInt(kw(a, k, 0, 'length', 255), 'length');
    const killwords = truthy(kw(a, k, 1, 'killwords', false));
    const end = str(kw(a, k, 2, 'end', '...'));
    const leeway = asInt(kw(a, k, 3, 'leeway', 5), 'leeway');
    if (s.length <= n + leeway) return s;
    if (killwords) return s.slice(0, n - end.length) + end;
    const cut = s.slice(0, n - end.length);
    const i = cut.lastIndexOf(' ');
    return (i > 0 ? cut.slice(0, i) : cut) + end;
  },
  unique: (v, a, k, env) => {
    const cs = truthy(kw(a, k, 0, 'case_sensitive', false));
    const attribute = kw(a, k, 1, 'attribute', null);
    const out: unknown[] = [];
    const seen: unknown[] = [];
    for (const x of iterate(v)) {
      const key = sortKey(env, x, attribute, cs);
      if (!seen.some((s) => equals(s, key))) {
        seen.push(key);
        out.push(x);
      }
    }
    return out;
  },
  wordcount: (v) => (str(v).match(/\w+/g) ?? []).length,
  urlencode: (v) => encodeURIComponent(str(v)).replace(/%2F/g, '/'),
  pprint: (v) => repr(v),
  // dbt's own filters (dbt_common/clients/jinja.py)
  as_text: (v) => str(v),
  as_bool: (v) => (typeof v === 'string' ? (v === 'True' || v === 'true' ? true : v === 'False' || v === 'false' ? false : v) : v),
  as_number: (v) => (typeof v === 'string' && /^[+-]?\d+(\.\d*)?(e[+-]?\d+)?$/i.test(v.trim()) ? Number(v) : v),
  as_native: (v) => v,
};
FILTERS.d = FILTERS.default;

export function filterNamed(name: string): Filter {
  if (!Object.prototype.hasOwnProperty.call(FILTERS, name)) throw new JinjaError(`no filter named '${name}'`);
  return FILTERS[name];
}

export function applyFilter(name: string, value: unknown, args: unknown[], kwargs: Kwargs, env: FilterEnv): unknown {
  if (value instanceof Undefined && name !== 'default' && name !== 'd' && name !== 'string' && name !== 'list' && name !== 'length' && name !== 'count' && name !== 'items' && name !== 'join') {
    // filters on an undefined value: Jinja's Undefined prints as '' but fails on most operations
    if (name === 'trim' || name === 'lower' || name === 'upper' || name === 'replace' || name === 'safe' || name === 'as_text') return '';
  }
  if (value instanceof PyObject && name === 'string') return value.toStr();
  return filterNamed(name)(value, args, kwargs, env);
}
