import { JinjaError } from './JinjaError';

/**
 * Jinja's lexer with dbt's settings (the defaults: `{{ }}`, `{% %}`, `{# #}`,
 * no trim_blocks/lstrip_blocks, a single trailing newline dropped):
 * the template becomes data tokens and tag tokens, and the inside of each tag
 * becomes names, numbers, strings and operators.
 */
export type Token =
  | { kind: 'data'; value: string; line: number }
  | { kind: 'begin'; tag: 'block' | 'var'; line: number }
  | { kind: 'end'; tag: 'block' | 'var'; line: number }
  | { kind: 'name'; value: string; line: number }
  | { kind: 'string'; value: string; line: number }
  | { kind: 'number'; value: number; float: boolean; line: number }
  | { kind: 'op'; value: string; line: number }
  | { kind: 'eof'; line: number };

const OPERATORS = ['//', '**', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '~', '<', '>', '=', '(', ')', '[', ']', '{', '}', ',', '.', ':', '|', ';'];

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

function lineAt(source: string, pos: number, from: number, line: number): number {
  for (let i = from; i < pos; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads a quoted string starting at `i` (the quote); returns its value and the index after it. */
function readString(src: string, i: number, line: number): { value: string; end: number } {
  const quote = src[i];
  let out = '';
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === quote) return { value: out, end: j + 1 };
    if (c === '\\' && j + 1 < src.length) {
      const n = src[j + 1];
      if (n in ESCAPES) {
        out += ESCAPES[n];
        j += 2;
        continue;
      }
      if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(j + 2, j + 4))) {
        out += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16));
        j += 4;
        continue;
      }
      if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(j + 2, j + 6))) {
        out += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
        j += 6;
        continue;
      }
      // Python keeps unknown escapes as written
      out += c + n;
      j += 2;
      continue;
    }
    out += c;
    j++;
  }
  throw new JinjaError(`unexpected end of template: the string opened with ${quote} is never closed`, line);
}

export function tokenize(input: string): Token[] {
  let src = input.replace(/\r\n?/g, '\n');
  if (src.endsWith('\n')) src = src.slice(0, -1);
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineFrom = 0;
  const lineOf = (p: number) => {
    line = lineAt(src, p, lineFrom, line);
    lineFrom = p;
    return line;
  };
  let stripNext = false;
  const pushData = (text: string, at: number, stripRight: boolean) => {
    let t = stripNext ? text.replace(/^\s+/, '') : text;
    if (stripRight) t = t.replace(/\s+$/, '');
    stripNext = false;
    if (t) tokens.push({ kind: 'data', value: t, line: lineOf(at) });
  };

  const opening = /\{[{%#]/g;
  while (pos < src.length) {
    opening.lastIndex = pos;
    const found = opening.exec(src);
    if (!found) {
      pushData(src.slice(pos), pos, false);
      break;
    }
    const start = found.index;
    const kind = src[start + 1];
    const minus = src[start + 2] === '-';
    const afterOpen = start + 2 + (minus || src[start + 2] === '+' ? 1 : 0);

    // {% raw %} ... {% endraw %}
    if (kind === '%') {
      const raw = /^\s*raw\s*(-?)%\}/.exec(src.slice(afterOpen, afterOpen + 40));
      if (raw) {
        pushData(src.slice(pos, start), pos, minus);
        const bodyStart = afterOpen + raw[0].length;
        const endRe = /\{%(-?)\s*endraw\s*(-?)%\}/g;
        endRe.lastIndex = bodyStart;
        const m = endRe.exec(src);
        if (!m) throw new JinjaError('unexpected end of template: `{% raw %}` is never closed by `{% endraw %}`', lineOf(start));
        let body = src.slice(bodyStart, m.index);
        if (raw[1] === '-') body = body.replace(/^\s+/, '');
        if (m[1] === '-') body = body.replace(/\s+$/, '');
        if (body) tokens.push({ kind: 'data', value: body, line: lineOf(bodyStart) });
        stripNext = m[2] === '-';
        pos = m.index + m[0].length;
        continue;
      }
    }

    pushData(src.slice(pos, start), pos, minus);

    if (kind === '#') {
      const end = src.indexOf('#}', afterOpen);
      if (end < 0) throw new JinjaError('unexpected end of template: a `{#` comment is never closed by `#}`', lineOf(start));
      stripNext = src[end - 1] === '-' && end - 1 >= afterOpen;
      pos = end + 2;
      continue;
    }

    const tag = kind === '%' ? 'block' : 'var';
    const close = kind === '%' ? '%}' : '}}';
    tokens.push({ kind: 'begin', tag, line: lineOf(start) });
    let i = afterOpen;
    let depth = 0;
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++;
      if (i >= src.length) throw new JinjaError(`unexpected end of template: \`${kind === '%' ? '{%' : '{{'}\` is never closed by \`${close}\``, lineOf(start));
      // the closing delimiter (with its optional `-`), unless a `}` closes a dict literal
      if (depth === 0 || kind === '%') {
        if (src[i] === '-' && src.startsWith(close, i + 1)) {
          tokens.push({ kind: 'end', tag, line: lineOf(i) });
          stripNext = true;
          pos = i + 1 + close.length;
          break;
        }
        if (src.startsWith(close, i) && (kind === '%' || depth === 0)) {
          tokens.push({ kind: 'end', tag, line: lineOf(i) });
          pos = i + close.length;
          break;
        }
      }
      const c = src[i];
      const here = lineOf(i);
      if (c === '"' || c === "'") {
        const s = readString(src, i, here);
        tokens.push({ kind: 'string', value: s.value, line: here });
        i = s.end;
        continue;
      }
      const num = /^(\d[\d_]*)(\.\d[\d_]*)?([eE][+-]?\d+)?/.exec(src.slice(i, i + 64));
      if (num && /\d/.test(c)) {
        const text = num[0].replace(/_/g, '');
        tokens.push({ kind: 'number', value: Number(text), float: Boolean(num[2] || num[3]), line: here });
        i += num[0].length;
        continue;
      }
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256));
      if (name) {
        tokens.push({ kind: 'name', value: name[0], line: here });
        i += name[0].length;
        continue;
      }
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) throw new JinjaError(`unexpected character \`${c}\` in a template tag`, here);
      if (op === '{' || op === '[' || op === '(') depth++;
      if (op === '}' || op === ']' || op === ')') depth = Math.max(0, depth - 1);
      tokens.push({ kind: 'op', value: op, line: here });
      i += op.length;
    }
  }
  tokens.push({ kind: 'eof', line: lineOf(src.length) });
  return tokens;
}
