import YAML from 'yaml';
import { bindArgs } from '../args';
import { ExpressionError } from '../ExpressionError';
import { isPlainObject, stringify, toJson } from '../values';
import type { Filter } from './Filter';

/**
 * YAML as Kestra's yaml filter writes it (Jackson, INDENT_ARRAYS): list items
 * one space in from their parent (` - a`), minimal quotes, no `---`. The
 * `yaml` package writes items flush (`- a`), so every line of a list item
 * moves right by one space per list it sits in.
 */
function jacksonYaml(v: unknown): string {
  const flush = YAML.stringify(v, { indentSeq: false, lineWidth: 0 });
  const seqColumns: number[] = [];
  return flush
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      const indent = line.length - line.trimStart().length;
      const item = line.startsWith('- ', indent) || line.slice(indent) === '-';
      while (seqColumns.length) {
        const top = seqColumns[seqColumns.length - 1];
        if (top < indent || (top === indent && item)) break;
        seqColumns.pop();
      }
      if (item && seqColumns[seqColumns.length - 1] !== indent) seqColumns.push(indent);
      return ' '.repeat(seqColumns.length) + line;
    })
    .join('\n');
}

function noArgs(name: string, fn: (v: unknown) => unknown): Filter {
  return (input, ...rest) => {
    bindArgs(rest, [], name);
    return fn(input);
  };
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = stringify(a);
  const sb = stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function asList(v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new ExpressionError(`${what}: expects a list`);
}

export const COLLECTION_FILTERS: Record<string, Filter> = {
  /** Pebble's default: the fallback when the value is undefined, null or empty. */
  default: (value, ...rest) => {
    const { default: fallback } = bindArgs(rest, ['default'], 'default');
    const empty =
      value === null ||
      value === '' ||
      (Array.isArray(value) && value.length === 0) ||
      (isPlainObject(value) && Object.keys(value).length === 0);
    return empty ? fallback ?? null : value;
  },
  length: noArgs('length', (v) => {
    if (v === null) return 0;
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    if (isPlainObject(v)) return Object.keys(v).length;
    return stringify(v).length;
  }),
  first: noArgs('first', (v) => {
    if (v === null) return null;
    if (typeof v === 'string') return v.length ? v[0] : null;
    if (Array.isArray(v)) return v.length ? v[0] : null;
    if (isPlainObject(v)) return Object.values(v)[0] ?? null;
    return v;
  }),
  last: noArgs('last', (v) => {
    if (v === null) return null;
    if (typeof v === 'string') return v.length ? v[v.length - 1] : null;
    if (Array.isArray(v)) return v.length ? v[v.length - 1] : null;
    if (isPlainObject(v)) return Object.values(v).at(-1) ?? null;
    return v;
  }),
  keys: noArgs('keys', (v) => {
    if (v === null) return null;
    if (Array.isArray(v)) return v.map((_x, i) => i);
    if (isPlainObject(v)) return Object.keys(v);
    throw new ExpressionError('keys: expects a map');
  }),
  values: noArgs('values', (v) => {
    if (v === null) return null;
    if (isPlainObject(v)) return Object.values(v);
    throw new ExpressionError('values: expects a map');
  }),
  join: (input, ...rest) => {
    if (input === null) return null;
    const { separator } = bindArgs(rest, ['separator'], 'join');
    return asList(input, 'join').map((x) => stringify(x)).join(separator === undefined ? '' : stringify(separator));
  },
  sort: noArgs('sort', (v) => (v === null ? null : [...asList(v, 'sort')].sort(compare))),
  rsort: noArgs('rsort', (v) => (v === null ? null : [...asList(v, 'rsort')].sort(compare).reverse())),
  reverse: noArgs('reverse', (v) => {
    if (v === null) return null;
    if (typeof v === 'string') return [...v].reverse().join('');
    return [...asList(v, 'reverse')].reverse();
  }),
  slice: (input, ...rest) => {
    if (input === null) return null;
    const a = bindArgs(rest, ['fromIndex', 'toIndex'], 'slice');
    const from = Number(a.fromIndex ?? 0);
    if (typeof input === 'string') return input.slice(from, a.toIndex === undefined ? undefined : Number(a.toIndex));
    const list = asList(input, 'slice');
    return list.slice(from, a.toIndex === undefined ? undefined : Number(a.toIndex));
  },
  merge: (input, ...rest) => {
    const { items } = bindArgs(rest, ['items'], 'merge');
    if (Array.isArray(input)) return [...input, ...(Array.isArray(items) ? items : [items])];
    if (isPlainObject(input) && isPlainObject(items)) return { ...input, ...items };
    throw new ExpressionError('merge: expects two lists or two maps');
  },
  distinct: noArgs('distinct', (v) => {
    if (v === null) return null;
    const seen = new Set<string>();
    return asList(v, 'distinct').filter((x) => {
      const k = toJson(x);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }),
  chunk: (input, ...rest) => {
    if (input === null) return null;
    const size = Number(bindArgs(rest, ['size'], 'chunk').size);
    if (!Number.isInteger(size) || size < 1) throw new ExpressionError('chunk: `size` must be a positive whole number');
    const list = asList(input, 'chunk');
    const out: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
  },
  flatten: noArgs('flatten', (v) => (v === null ? null : asList(v, 'flatten').flatMap((x) => (Array.isArray(x) ? x : [x])))),
  toJson: noArgs('toJson', (v) => toJson(v)),
  json: noArgs('json', (v) => toJson(v)),
  jsonEncode: noArgs('jsonEncode', (v) => toJson(v)),
  yaml: noArgs('yaml', (v) => jacksonYaml(v)),
};
