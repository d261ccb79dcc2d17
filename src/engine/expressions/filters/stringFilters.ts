import { bindArgs } from '../args';
import { ExpressionError } from '../ExpressionError';
import { stringify } from '../values';
import type { Filter } from './Filter';
import { javaReplaceAll, javaSplit } from '../javaRegex';

const str = (v: unknown) => stringify(v);

/** A filter that takes a string and named arguments; null in, null out. */
function onString(name: string, argNames: string[], fn: (s: string, args: Record<string, unknown>) => unknown): Filter {
  return (input, ...rest) => {
    if (input === null) return null;
    return fn(str(input), bindArgs(rest, argNames, name));
  };
}

function requireString(args: Record<string, unknown>, key: string, what: string): string {
  const v = args[key];
  if (v === undefined || v === null) throw new ExpressionError(`${what}: the argument '${key}' is required`);
  return str(v);
}

function replaceAll(input: string, pairs: Record<string, unknown>, regexp: boolean): string {
  let data = input;
  for (const [from, to] of Object.entries(pairs)) {
    if (regexp) {
      data = javaReplaceAll(data, from, str(to), 'replace');
    } else {
      data = data.split(from).join(str(to));
    }
  }
  return data;
}

function replaceDeep(value: unknown, pairs: Record<string, unknown>, regexp: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, pairs, regexp));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceDeep(v, pairs, regexp);
    return out;
  }
  return replaceAll(str(value), pairs, regexp);
}

function slugify(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, '-')
    .normalize('NFD')
    .replace(/[^\w-]/g, '')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}


function toBase64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(s: string): string {
  const bin = atob(s);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function parseNumber(s: string, type: string | undefined): number | string {
  const text = s.trim();
  const fail = () => new ExpressionError(`'number' filter: "${s}" is not a valid number`);
  if (/^[+-]?0x[0-9a-f]+$/i.test(text)) return parseInt(text, 16);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfFlL]?$/.test(text)) throw fail();
  const clean = text.replace(/[dDfFlL]$/, '');
  if (type === 'INT' || type === 'LONG' || type === 'BIGINTEGER') {
    if (!/^[+-]?\d+$/.test(clean)) throw fail();
    return type === 'BIGINTEGER' && !Number.isSafeInteger(Number(clean)) ? clean : Number(clean);
  }
  return Number(clean);
}

/** Kestra's AbstractIndent#getLineSeparator: the line break the text uses (CRLF, LFCR, LF, CR), else LF. */
function lineSeparator(s: string): string {
  if (s.includes('\r\n')) return '\r\n';
  if (s.includes('\n\r')) return '\n\r';
  if (s.includes('\n')) return '\n';
  if (s.includes('\r')) return '\r';
  return '\n';
}

/** Kestra's indent / nindent (AbstractIndent): an empty text stays empty; every line break of the text's own kind is followed by the padding. */
function indentText(s: string, a: Record<string, unknown>, kind: 'indent' | 'nindent'): string {
  if (s === '') return s;
  if (a.amount === undefined) throw new ExpressionError(`The '${kind}' filter expects an integer as argument 'amount'.`);
  const amount = Number(a.amount);
  if (!Number.isInteger(amount) || amount < 0) throw new ExpressionError(`The '${kind}' filter expects a positive integer >=0 as argument 'amount'.`);
  const pad = (a.prefix === undefined ? ' ' : str(a.prefix)).repeat(amount);
  const nl = lineSeparator(s);
  return (kind === 'nindent' ? nl + s : s).split(nl).join(nl + pad);
}

export const STRING_FILTERS: Record<string, Filter> = {
  upper: onString('upper', [], (s) => s.toUpperCase()),
  lower: onString('lower', [], (s) => s.toLowerCase()),
  trim: onString('trim', [], (s) => s.trim()),
  capitalize: onString('capitalize', [], (s) => s.charAt(0).toUpperCase() + s.slice(1)),
  title: onString('title', [], (s) => s.replace(/(^|\s)(\S)/g, (_m, sp: string, c: string) => sp + c.toUpperCase())),
  abbreviate: onString('abbreviate', ['length'], (s, a) => {
    const n = Number(a.length);
    if (!Number.isInteger(n) || n < 0) throw new ExpressionError('abbreviate: `length` must be a whole number');
    if (s.length <= n) return s;
    return n <= 3 ? s.slice(0, n) : s.slice(0, n - 3) + '...';
  }),
  replace: (input, ...rest) => {
    if (input === null) return null;
    const args = bindArgs(rest, ['replace_pairs', 'regexp'], 'replace');
    const pairs = args.replace_pairs;
    if (pairs === undefined || pairs === null) throw new ExpressionError("The argument 'replace_pairs' is required.");
    if (typeof pairs !== 'object' || Array.isArray(pairs)) throw new ExpressionError('replace: expects a map such as {"a": "b"}');
    return replaceDeep(input, pairs as Record<string, unknown>, args.regexp === true);
  },
  split: onString('split', ['delimiter', 'limit'], (s, a) => {
    const limit = a.limit === undefined || a.limit === null ? undefined : Number(a.limit);
    return javaSplit(s, requireString(a, 'delimiter', 'split'), limit ?? 0, 'split');
  }),
  startsWith: onString('startsWith', ['value'], (s, a) => s.startsWith(requireString(a, 'value', 'startsWith'))),
  endsWith: onString('endsWith', ['value'], (s, a) => s.endsWith(requireString(a, 'value', 'endsWith'))),
  substringBefore: onString('substringBefore', ['separator'], (s, a) => {
    const i = s.indexOf(requireString(a, 'separator', 'substringBefore'));
    return i < 0 ? s : s.slice(0, i);
  }),
  substringBeforeLast: onString('substringBeforeLast', ['separator'], (s, a) => {
    const i = s.lastIndexOf(requireString(a, 'separator', 'substringBeforeLast'));
    return i < 0 ? s : s.slice(0, i);
  }),
  substringAfter: onString('substringAfter', ['separator'], (s, a) => {
    const sep = requireString(a, 'separator', 'substringAfter');
    const i = s.indexOf(sep);
    return i < 0 ? '' : s.slice(i + sep.length);
  }),
  substringAfterLast: onString('substringAfterLast', ['separator'], (s, a) => {
    const sep = requireString(a, 'separator', 'substringAfterLast');
    const i = s.lastIndexOf(sep);
    return i < 0 || i === s.length - sep.length ? '' : s.slice(i + sep.length);
  }),
  slugify: onString('slugify', [], slugify),
  urlencode: onString('urlencode', [], (s) => encodeURIComponent(s).replace(/%20/g, '+')),
  urldecode: onString('urldecode', [], (s) => decodeURIComponent(s.replace(/\+/g, ' '))),
  base64encode: onString('base64encode', [], toBase64),
  base64decode: onString('base64decode', [], fromBase64),
  escapeChar: onString('escapeChar', ['type'], (s, a) => {
    const type = a.type ?? 'single';
    if (type === 'single') return s.replace(/'/g, "\\'");
    if (type === 'double') return s.replace(/"/g, '\\"');
    if (type === 'shell') return s.replace(/'/g, "'\\''");
    throw new ExpressionError('escapeChar: `type` must be single, double or shell');
  }),
  indent: onString('indent', ['amount', 'prefix'], (s, a) => indentText(s, a, 'indent')),
  nindent: onString('nindent', ['amount', 'prefix'], (s, a) => indentText(s, a, 'nindent')),
  nl2br: onString('nl2br', [], (s) => s.replace(/\r?\n/g, '<br />')),
  string: onString('string', [], (s) => s),
  number: (input, ...rest) => {
    if (input === null) return null;
    const args = bindArgs(rest, ['type'], 'number');
    if (typeof input !== 'string') {
      throw new ExpressionError(`'number' filter can only be applied to String. Actual type was: ${Array.isArray(input) ? 'List' : typeof input}`);
    }
    return parseNumber(input, typeof args.type === 'string' ? args.type : undefined);
  },
  abs: (input, ...rest) => {
    if (input === null) return null;
    bindArgs(rest, [], 'abs');
    const n = typeof input === 'number' ? input : Number(input);
    if (Number.isNaN(n)) throw new ExpressionError('abs: expects a number');
    return Math.abs(n);
  },
};
