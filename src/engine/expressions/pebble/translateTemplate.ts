import { emitNunjucks } from './emitNunjucks';
import { ExpressionParser, type Vocabulary } from './parseExpression';
import { PebbleSyntaxError, tokenize, type Token } from './tokenize';

export interface TranslateResult {
  /** The template in nunjucks syntax (only meaningful when `errors` is empty). */
  source: string;
  errors: PebbleSyntaxError[];
}

const PASS_THROUGH = new Set(['else', 'endif', 'endfor']);

/**
 * Rewrites a Pebble template into nunjucks: every expression is re-parsed
 * with Pebble's grammar and emitted fully parenthesised; only the tags
 * Kestra flows use (if/elseif/else, for, set, raw/verbatim) are accepted.
 * Errors carry offsets into the original template. Parsing continues after
 * an error so a validator can report several at once.
 */
export function translateTemplate(src: string, vocab: Vocabulary): TranslateResult {
  const errors: PebbleSyntaxError[] = [];
  let out = '';
  let pos = 0;
  while (pos < src.length) {
    const open = findOpen(src, pos);
    if (open < 0) {
      out += src.slice(pos);
      break;
    }
    out += src.slice(pos, open);
    const kind = src.slice(open, open + 2);
    if (kind === '{#') {
      const end = src.indexOf('#}', open + 2);
      if (end < 0) {
        errors.push(new PebbleSyntaxError('Unclosed comment `{#`', open));
        break;
      }
      pos = end + 2;
      continue;
    }
    const trimBefore = src[open + 2] === '-';
    const start = open + 2 + (trimBefore ? 1 : 0);
    try {
      const { tokens, next, trimAfter } = tokenize(src, start, kind === '{{' ? '}}' : '%}');
      const l = trimBefore ? '-' : '';
      const r = trimAfter ? '-' : '';
      if (kind === '{{') {
        const p = new ExpressionParser(tokens, vocab);
        const expr = p.parseExpression();
        p.expectEnd();
        out += `{{${l} ${emitNunjucks(expr)} ${r}}}`;
        pos = next;
      } else {
        const tag = translateTag(tokens, vocab, src, next);
        out += `{%${l} ${tag.text} ${r}%}${tag.after ?? ''}`;
        pos = tag.next ?? next;
      }
    } catch (e) {
      if (!(e instanceof PebbleSyntaxError)) throw e;
      errors.push(e);
      const close = src.indexOf(kind === '{{' ? '}}' : '%}', start);
      if (close < 0) break;
      pos = close + 2;
    }
  }
  return { source: out, errors };
}

function findOpen(src: string, from: number): number {
  const re = /\{[{%#]/g;
  re.lastIndex = from;
  const m = re.exec(src);
  return m ? m.index : -1;
}

interface TagResult {
  text: string;
  /** Raw text to append after the tag (for raw/verbatim blocks). */
  after?: string;
  /** Where scanning resumes when the tag consumed more of the template. */
  next?: number;
}

function translateTag(tokens: Token[], vocab: Vocabulary, src: string, afterTag: number): TagResult {
  const p = new ExpressionParser(tokens, vocab);
  const head = p.next();
  if (head.type !== 'name') throw new PebbleSyntaxError('Expected a tag name after `{%`', head.at);
  const name = head.value;
  if (name === 'if' || name === 'elseif' || name === 'elif') {
    const cond = p.parseExpression();
    p.expectEnd();
    return { text: `${name === 'if' ? 'if' : 'elif'} __bool(${emitNunjucks(cond)})` };
  }
  if (PASS_THROUGH.has(name)) {
    p.expectEnd();
    return { text: name };
  }
  if (name === 'for') {
    const vars: Token[] = [p.expectName()];
    while (p.isPunct(',')) {
      p.next();
      vars.push(p.expectName());
    }
    for (const v of vars) checkVariableName(v);
    const inTok = p.next();
    if (inTok.type !== 'name' || inTok.value !== 'in') throw new PebbleSyntaxError('Expected `in` in the `for` tag', inTok.at);
    const iterable = p.parseExpression();
    p.expectEnd();
    return { text: `for ${vars.map((v) => v.value).join(', ')} in __iter(${emitNunjucks(iterable)}, ${vars.length})` };
  }
  if (name === 'set') {
    const target = p.expectName();
    checkVariableName(target);
    p.expectPunct('=');
    const value = p.parseExpression();
    p.expectEnd();
    return { text: `set ${target.value} = ${emitNunjucks(value)}` };
  }
  if (name === 'raw' || name === 'verbatim') {
    p.expectEnd();
    const endRe = new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`, 'g');
    endRe.lastIndex = afterTag;
    const m = endRe.exec(src);
    if (!m) throw new PebbleSyntaxError(`Missing \`{% end${name} %}\``, head.at);
    const body = src.slice(afterTag, m.index);
    if (/\{%-?\s*endraw/.test(body)) throw new PebbleSyntaxError('`endraw` inside a verbatim block', head.at);
    return { text: 'raw', after: `${body}{% endraw %}`, next: m.index + m[0].length };
  }
  throw new PebbleSyntaxError(`Tag \`${name}\` is not supported in Kestra expressions`, head.at);
}

function checkVariableName(t: Token): void {
  if (t.value.startsWith('__') || ['constructor', 'prototype', 'loop'].includes(t.value)) {
    throw new PebbleSyntaxError(`\`${t.value}\` cannot be used as a variable name`, t.at);
  }
}
