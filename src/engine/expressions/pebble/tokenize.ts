import { ExpressionError } from '../Missing';

export type TokenType = 'name' | 'number' | 'string' | 'punct' | 'end';

export interface Token {
  type: TokenType;
  /** The token's text; for strings, the unescaped value. */
  value: string;
  /** Offset of the token's first character in the whole template. */
  at: number;
}

/** Thrown for syntax errors; `offset` points into the original template. */
export class PebbleSyntaxError extends ExpressionError {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'PebbleSyntaxError';
  }
}

const PUNCT = ['???', '??', '..', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '~', '|', '(', ')', '[', ']', '{', '}', ',', ':', '.', '?', '='];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

export interface TokenizeResult {
  tokens: Token[];
  /** Offset just past the closing delimiter. */
  next: number;
  /** True when the closing delimiter had a `-` (trim whitespace after). */
  trimAfter: boolean;
}

/**
 * Reads the tokens of one Pebble expression that starts at `start` and ends
 * with `close` (`}}` or `%}`, optionally preceded by `-`). A closing brace
 * only counts when no `{`/`[`/`(` is open, so map literals can nest.
 */
export function tokenize(src: string, start: number, close: '}}' | '%}'): TokenizeResult {
  const tokens: Token[] = [];
  const open: string[] = [];
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (open.length === 0) {
      if (src.startsWith(close, i)) {
        tokens.push({ type: 'end', value: close, at: i });
        return { tokens, next: i + 2, trimAfter: false };
      }
      if (c === '-' && src.startsWith(close, i + 1)) {
        tokens.push({ type: 'end', value: close, at: i });
        return { tokens, next: i + 3, trimAfter: true };
      }
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const e = src[j + 1];
          value += ESCAPES[e] ?? e;
          j += 2;
        } else {
          value += src[j++];
        }
      }
      if (j >= src.length) throw new PebbleSyntaxError('Unclosed string literal', i);
      tokens.push({ type: 'string', value, at: i });
      i = j + 1;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i, i + 64));
    if (num) {
      const text = num[0]; // `1..5`: the fraction needs a digit after the dot, so this reads `1`
      tokens.push({ type: 'number', value: text, at: i });
      i += text.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256));
    if (name) {
      tokens.push({ type: 'name', value: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const p = PUNCT.find((s) => src.startsWith(s, i));
    if (!p) throw new PebbleSyntaxError(`Unexpected character \`${c}\``, i);
    if (p === '(' || p === '[' || p === '{') open.push(p);
    if (p === ')' || p === ']' || p === '}') {
      const want = p === ')' ? '(' : p === ']' ? '[' : '{';
      if (open.pop() !== want) throw new PebbleSyntaxError(`Unexpected \`${p}\``, i);
    }
    tokens.push({ type: 'punct', value: p, at: i });
    i += p.length;
  }
  throw new PebbleSyntaxError(`Missing closing \`${close}\``, start);
}
