import { ExpressionError } from '../ExpressionError';

export type TokenType = 'name' | 'number' | 'string' | 'interpolated' | 'punct' | 'end';

export interface Token {
  type: TokenType;
  /** The token's text; for strings, the value as Pebble reads it. */
  value: string;
  /** Offset of the token's first character in the whole template. */
  at: number;
  /** For `interpolated` strings (`"a#{x}b"`): text parts and the tokens of each `#{…}`. */
  parts?: (string | Token[])[];
}

/** Thrown for syntax errors; `offset` points into the original template. */
export class PebbleSyntaxError extends ExpressionError {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'PebbleSyntaxError';
  }
}

const PUNCT = ['???', '??', '..', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%', '~', '|', '(', ')', '[', ']', '{', '}', ',', ':', '.', '?', '='];
/** Brackets an expression may open, and how deep they may nest. */
const MAX_BRACKETS = 128;
/** An expression of more tokens than this is refused (a flow has no use for it; it keeps parsing bounded). */
export const MAX_TOKENS = 20_000;

export interface TokenizeResult {
  tokens: Token[];
  /** Offset just past the closing delimiter. */
  next: number;
  /** True when the closing delimiter had a `-` (trim whitespace after). */
  trimAfter: boolean;
}

/**
 * Reads the tokens of one Pebble expression that starts at `start` and ends
 * with `close` (`}}`, `%}`, or `}` for a `#{…}` inside a string), optionally
 * preceded by `-`. A closing brace only counts when no bracket is open, so
 * map literals can nest. Strings follow Pebble's lexer: only the escaped
 * quote loses its backslash (`'a\'b'` is `a'b`, `'(\d)'` stays `(\d)`), and a
 * double-quoted string may interpolate `#{expression}`.
 */
export function tokenize(src: string, start: number, close: '}}' | '%}' | '}', depth = 0): TokenizeResult {
  const tokens: Token[] = [];
  const open: string[] = [];
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (tokens.length > MAX_TOKENS) throw new PebbleSyntaxError(`Expression longer than ${MAX_TOKENS} tokens`, start);
    if (open.length === 0) {
      if (src.startsWith(close, i)) {
        tokens.push({ type: 'end', value: close, at: i });
        return { tokens, next: i + close.length, trimAfter: false };
      }
      if (close !== '}' && c === '-' && src.startsWith(close, i + 1)) {
        tokens.push({ type: 'end', value: close, at: i });
        return { tokens, next: i + 1 + close.length, trimAfter: true };
      }
    }
    if (c === "'" || c === '"') {
      const { token, next } = readString(src, i, depth + open.length);
      tokens.push(token);
      i = next;
      continue;
    }
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < src.length && src[j] >= '0' && src[j] <= '9') j++;
      // `1..5`: a fraction needs a digit after the dot
      if (src[j] === '.' && src[j + 1] >= '0' && src[j + 1] <= '9') {
        j++;
        while (j < src.length && src[j] >= '0' && src[j] <= '9') j++;
      }
      tokens.push({ type: 'number', value: src.slice(i, j), at: i });
      i = j;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < src.length && isNamePart(src[j])) j++;
      tokens.push({ type: 'name', value: src.slice(i, j), at: i });
      i = j;
      continue;
    }
    const p = PUNCT.find((s) => src.startsWith(s, i));
    if (!p) throw new PebbleSyntaxError(`Unexpected character \`${c}\``, i);
    if (p === '(' || p === '[' || p === '{') {
      open.push(p);
      if (depth + open.length > MAX_BRACKETS) throw new PebbleSyntaxError(`Brackets nested deeper than ${MAX_BRACKETS}`, i);
    }
    if (p === ')' || p === ']' || p === '}') {
      const want = p === ')' ? '(' : p === ']' ? '[' : '{';
      if (open.pop() !== want) throw new PebbleSyntaxError(`Unexpected \`${p}\``, i);
    }
    tokens.push({ type: 'punct', value: p, at: i });
    i += p.length;
  }
  if (open.length) throw new PebbleSyntaxError(`Unclosed \`${open[open.length - 1]}\``, start);
  throw new PebbleSyntaxError(`Missing closing \`${close}\``, start);
}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isNamePart(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

/**
 * A string literal starting at `i`, inside `depth` open brackets and
 * interpolations; see tokenize() for Pebble's rules. A
 * double-quoted string with a `#` in it goes through Pebble's interpolation
 * path, which keeps its text exactly as written (no unescaping at all).
 */
function readString(src: string, i: number, depth: number): { token: Token; next: number } {
  const quote = src[i];
  const parts: (string | Token[])[] = [];
  let text = '';
  let raw = '';
  let hasHash = false;
  let interpolated = false;
  let j = i + 1;
  while (j < src.length && src[j] !== quote) {
    if (src[j] === '\\' && j + 1 < src.length) {
      text += src[j + 1] === quote ? quote : src.slice(j, j + 2);
      raw += src.slice(j, j + 2);
      j += 2;
    } else if (quote === '"' && src[j] === '#') {
      hasHash = true;
      if (src[j + 1] !== '{') {
        text += '#';
        raw += '#';
        j++;
        continue;
      }
      interpolated = true;
      parts.push(raw);
      text = raw = '';
      // each `#{` is a level, counted with the brackets around it: nesting strings in strings cannot recurse without end
      if (depth + 1 > MAX_BRACKETS) throw new PebbleSyntaxError(`Brackets nested deeper than ${MAX_BRACKETS}`, j);
      const inner = tokenize(src, j + 2, '}', depth + 1);
      parts.push(inner.tokens);
      j = inner.next;
    } else {
      text += src[j];
      raw += src[j++];
    }
  }
  if (j >= src.length) throw new PebbleSyntaxError('Unclosed string literal', i);
  if (!interpolated) return { token: { type: 'string', value: hasHash ? raw : text, at: i }, next: j + 1 };
  parts.push(raw);
  return { token: { type: 'interpolated', value: src.slice(i, j + 1), at: i, parts }, next: j + 1 };
}
