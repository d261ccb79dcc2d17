import { JinjaError } from './JinjaError';
import { dictGet, isDict, MISSING, repr, str, typeName } from './values';

function pad(text: string, width: number, align: string, fill: string): string {
  if (text.length >= width) return text;
  const n = width - text.length;
  if (align === '<') return text + fill.repeat(n);
  if (align === '^') return fill.repeat(Math.floor(n / 2)) + text + fill.repeat(Math.ceil(n / 2));
  if (align === '=') {
    const sign = /^[+-]/.test(text) ? text[0] : '';
    return sign + fill.repeat(n) + text.slice(sign.length);
  }
  return fill.repeat(n) + text;
}

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Python's format spec mini-language (`>10`, `.2f`, `,`, `05d`, `x`, `%`…) for one value. */
export function formatSpec(value: unknown, spec: string): string {
  if (!spec) return str(value);
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/.exec(spec);
  if (!m) throw new JinjaError(`Invalid format specifier '${spec}'`);
  const [, fillChar, alignChar, sign, , zero, widthText, groupSep, precText, type] = m;
  let fill = fillChar ?? ' ';
  let align = alignChar ?? (typeof value === 'number' ? '>' : '<');
  if (zero && !alignChar) {
    fill = '0';
    align = '=';
  }
  const width = widthText ? Number(widthText) : 0;
  const prec = precText !== undefined ? Number(precText) : undefined;
  let text: string;
  if (type === undefined || type === 's') {
    if (typeof value === 'number' && type === undefined) {
      text = prec !== undefined ? value.toPrecision(prec) : str(value);
    } else {
      if (type === 's' && typeof value !== 'string') throw new JinjaError(`Unknown format code 's' for object of type '${typeName(value)}'`);
      text = str(value);
      if (prec !== undefined) text = text.slice(0, prec);
    }
  } else {
    const n = typeof value === 'boolean' ? Number(value) : value;
    if (typeof n !== 'number') throw new JinjaError(`Unknown format code '${type}' for object of type '${typeName(value)}'`);
    switch (type) {
      case 'd':
      case 'n':
        if (!Number.isInteger(n)) throw new JinjaError(`Unknown format code 'd' for object of type 'float'`);
        text = String(Math.abs(n));
        break;
      case 'f':
      case 'F':
        text = Math.abs(n).toFixed(prec ?? 6);
        break;
      case 'e':
      case 'E':
        text = Math.abs(n).toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        if (type === 'E') text = text.toUpperCase();
        break;
      case 'g':
      case 'G':
        text = String(Number(Math.abs(n).toPrecision(prec || 6)));
        break;
      case '%':
        text = (Math.abs(n) * 100).toFixed(prec ?? 6) + '%';
        break;
      case 'x':
        text = Math.abs(n).toString(16);
        break;
      case 'X':
        text = Math.abs(n).toString(16).toUpperCase();
        break;
      case 'o':
        text = Math.abs(n).toString(8);
        break;
      case 'b':
        text = Math.abs(n).toString(2);
        break;
      case 'c':
        text = String.fromCodePoint(n);
        break;
      default:
        text = String(n);
    }
    if (groupSep && /^\d/.test(text)) {
      const [i, f] = text.split('.');
      text = group(i, groupSep) + (f !== undefined ? '.' + f : '');
    }
    const negative = n < 0 || Object.is(n, -0);
    text = (negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '') + text;
  }
  return width ? pad(text, width, align, fill) : text;
}

function pickField(field: string, args: unknown[], kwargs: Map<string, unknown>, auto: { n: number }): unknown {
  const m = /^([^.[]*)(.*)$/.exec(field)!;
  let value: unknown;
  const head = m[1];
  if (head === '') {
    if (auto.n < 0) throw new JinjaError('cannot switch from manual field specification to automatic field numbering');
    if (auto.n >= args.length) throw new JinjaError(`Replacement index ${auto.n} out of range for positional args tuple`);
    value = args[auto.n++];
  } else if (/^\d+$/.test(head)) {
    auto.n = auto.n > 0 ? auto.n : -1;
    if (Number(head) >= args.length) throw new JinjaError(`Replacement index ${head} out of range for positional args tuple`);
    value = args[Number(head)];
  } else {
    if (!kwargs.has(head)) throw new JinjaError(`KeyError: ${repr(head)}`);
    value = kwargs.get(head);
  }
  const rest = m[2];
  const re = /\.([A-Za-z_]\w*)|\[([^\]]+)\]/g;
  let part: RegExpExecArray | null;
  while ((part = re.exec(rest))) {
    const key = part[1] ?? (/^\d+$/.test(part[2]) ? Number(part[2]) : part[2]);
    if (Array.isArray(value) && typeof key === 'number') value = value[key];
    else if (isDict(value)) {
      const v = dictGet(value, key);
      if (v === MISSING) throw new JinjaError(`KeyError: ${repr(key)}`);
      value = v;
    } else throw new JinjaError(`cannot read ${repr(key)} of ${typeName(value)} in a format string`);
  }
  return value;
}

/** Python's `str.format(*args, **kwargs)`. */
export function pyFormat(template: string, args: unknown[], kwargs: Map<string, unknown>): string {
  const auto = { n: 0 };
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '{') {
      if (template[i + 1] === '{') {
        out += '{';
        i++;
        continue;
      }
      const end = template.indexOf('}', i);
      if (end < 0) throw new JinjaError("Single '{' encountered in format string");
      const inner = template.slice(i + 1, end);
      const fm = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/.exec(inner);
      if (!fm) throw new JinjaError(`bad format field {${inner}}`);
      let value = pickField(fm[1], args, kwargs, auto);
      if (fm[2] === 'r' || fm[2] === 'a') value = repr(value);
      else if (fm[2] === 's') value = str(value);
      out += formatSpec(value, fm[3] ?? '');
      i = end;
    } else if (c === '}') {
      if (template[i + 1] === '}') i++;
      else throw new JinjaError("Single '}' encountered in format string");
      out += '}';
    } else out += c;
  }
  return out;
}

/** Python's `'%s' % value` (printf-style): a tuple/list of values, a dict for `%(name)s`, or one value. */
export function percentFormat(template: string, values: unknown): string {
  const list = Array.isArray(values) ? values : [values];
  let idx = 0;
  return template.replace(/%(\([^)]*\))?([#0\- +]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g, (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let v: unknown;
    if (key) {
      if (!isDict(values)) throw new JinjaError('format requires a mapping');
      v = dictGet(values, key.slice(1, -1));
      if (v === MISSING) throw new JinjaError(`KeyError: ${repr(key.slice(1, -1))}`);
    } else {
      if (idx >= list.length) throw new JinjaError('not enough arguments for format string');
      v = list[idx++];
    }
    let spec = '';
    if (flags.includes('-')) spec += '<';
    else if (flags.includes('0') && conv !== 's' && conv !== 'r') spec += '0';
    if (flags.includes('+')) spec = (spec.startsWith('<') ? '<' : '') + '+' + spec.replace('<', '');
    if (width) spec += width;
    if (prec !== undefined) spec += '.' + prec;
    switch (conv) {
      case 's':
        return formatSpec(str(v), spec.replace(/^0/, ''));
      case 'r':
      case 'a':
        return formatSpec(repr(v), spec.replace(/^0/, ''));
      case 'i':
      case 'u':
      case 'd':
        if (typeof v !== 'number' && typeof v !== 'boolean') throw new JinjaError(`%${conv} format: a real number is required, not ${typeName(v)}`);
        return formatSpec(Math.trunc(Number(v)), spec + 'd');
      case 'c':
        return typeof v === 'number' ? String.fromCodePoint(v) : str(v);
      default:
        if (typeof v !== 'number' && typeof v !== 'boolean') throw new JinjaError(`must be real number, not ${typeName(v)}`);
        return formatSpec(Number(v), spec + conv);
    }
  });
}
