import { JinjaError } from './JinjaError';
import { fromPlain, PyObject, str, toPlain, Undefined } from './values';

/** Python's `json.dumps` of a template value (`, ` and `: ` separators, as Python writes them). */
export function toJsonText(v: unknown, o: { sortKeys?: boolean; indent?: number | null; htmlSafe?: boolean } = {}): string {
  const write = (x: unknown, depth: number): string => {
    if (depth > 100) throw new JinjaError('a value nested more than 100 levels deep cannot become JSON');
    if (x === null || x === undefined || x instanceof Undefined) return 'null';
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'number') return Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
    if (typeof x === 'string') return JSON.stringify(x).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    const pad = o.indent != null ? '\n' + ' '.repeat(o.indent * (depth + 1)) : '';
    const close = o.indent != null ? '\n' + ' '.repeat(o.indent * depth) : '';
    const sep = o.indent != null ? ',' : ', ';
    if (Array.isArray(x)) return x.length ? '[' + pad + x.map((y) => write(y, depth + 1)).join(sep + pad) + close + ']' : '[]';
    if (x instanceof Map) {
      let entries = [...x].map(([k, y]) => [k === null ? 'null' : typeof k === 'boolean' ? String(k) : str(k), y] as const);
      if (o.sortKeys) entries = entries.sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0));
      return entries.length ? '{' + pad + entries.map(([k, y]) => `${JSON.stringify(k)}: ${write(y, depth + 1)}`).join(sep + pad) + close + '}' : '{}';
    }
    if (x instanceof PyObject) {
      const plain = toPlain(x);
      if (typeof plain === 'string') throw new JinjaError(`Object of type ${x.typeName} is not JSON serializable`);
      return write(fromPlain(plain), depth);
    }
    throw new JinjaError('a function is not JSON serializable');
  };
  const text = write(v, 0);
  return o.htmlSafe ? text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027') : text;
}

/** `fromjson`: JSON text as template values (objects become dicts). */
export function fromJsonText(text: string): unknown {
  try {
    return fromPlain(JSON.parse(text));
  } catch (e) {
    throw new JinjaError(`fromjson: ${(e as Error).message}`);
  }
}
