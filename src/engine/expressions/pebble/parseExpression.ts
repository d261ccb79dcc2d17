import type { Arg, Node } from './ast';
import { BINARY_PRECEDENCE, depthOf, UNARY_PRECEDENCE } from './ast';
import { PebbleSyntaxError, type Token } from './tokenize';

/** Names a template may use, so unknown ones fail where they are written. */
export interface Vocabulary {
  filters: ReadonlySet<string>;
  functions: ReadonlySet<string>;
  tests: ReadonlySet<string>;
}

/** An expression tree deeper than this is refused: no flow needs it, and evaluating it would exhaust the stack. */
export const MAX_EXPRESSION_DEPTH = 256;
const MAX_RECURSION = 200;

const FORBIDDEN_NAMES = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const WORD_OPS = new Set(['or', 'and', 'is', 'contains', 'equals']);

/**
 * Parses the tokens of one expression with Pebble's precedence rules
 * (`??` and `~` bind tighter than `|`, filters tighter than arithmetic), as
 * Pebble's ExpressionParser does. Function names are collected in `calls`
 * and checked by the template parser, which also knows the template's macros.
 */
export class ExpressionParser {
  private i = 0;
  private recursion = 0;
  /** Every `name(...)` call, to check against the functions and macros. */
  readonly calls: Token[] = [];

  /** `recursion`: how deep the parser of the enclosing expression already is (for `#{…}` inside a string). */
  constructor(private readonly tokens: Token[], private readonly vocab: Vocabulary, recursion = 0) {
    this.recursion = recursion;
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  isPunct(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'punct' && t.value === value;
  }

  isName(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'name' && t.value === value;
  }

  expectPunct(value: string): Token {
    const t = this.next();
    if (t.type !== 'punct' || t.value !== value) throw new PebbleSyntaxError(`Expected \`${value}\` but found ${describe(t)}`, t.at);
    return t;
  }

  expectName(): Token {
    const t = this.next();
    if (t.type !== 'name') throw new PebbleSyntaxError(`Expected a name but found ${describe(t)}`, t.at);
    return t;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.type !== 'end') throw new PebbleSyntaxError(`Unexpected ${describe(t)}`, t.at);
  }

  /** A whole expression, checked for depth. */
  parseTopExpression(): Node {
    const at = this.peek().at;
    const node = this.parseExpression();
    if (depthOf(node) > MAX_EXPRESSION_DEPTH) throw new PebbleSyntaxError(`Expression nested deeper than ${MAX_EXPRESSION_DEPTH} levels`, at);
    return node;
  }

  parseExpression(minPrecedence = 0): Node {
    if (++this.recursion > MAX_RECURSION) throw new PebbleSyntaxError(`Expression nested deeper than ${MAX_RECURSION} levels`, this.peek().at);
    try {
      return this.parseExpressionInner(minPrecedence);
    } finally {
      this.recursion--;
    }
  }

  private parseExpressionInner(minPrecedence: number): Node {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      const op = t.type === 'punct' || (t.type === 'name' && WORD_OPS.has(t.value)) ? t.value : null;
      if (op === null || !(op in BINARY_PRECEDENCE)) break;
      const prec = BINARY_PRECEDENCE[op];
      if (prec < minPrecedence) break;
      this.next();
      if (op === '|') {
        const name = this.expectName();
        this.checkKnown(name, this.vocab.filters, 'Filter');
        const args = this.isPunct('(') ? this.parseArgs() : [];
        left = { kind: 'filter', target: left, name: name.value, args, at: name.at };
      } else if (op === 'is') {
        const negated = this.isName('not');
        if (negated) this.next();
        const name = this.next();
        if (name.type !== 'name') throw new PebbleSyntaxError(`Expected a test name but found ${describe(name)}`, name.at);
        this.checkKnown(name, this.vocab.tests, 'Test');
        const args = this.isPunct('(') ? this.parseArgs() : [];
        left = { kind: 'test', target: left, name: name.value, args, negated, at: name.at };
      } else {
        const right = this.parseExpression(prec + 1);
        left = { kind: 'binary', op: op === 'equals' ? '==' : op, left, right, at: t.at };
      }
    }
    if (minPrecedence === 0 && this.isPunct('?')) {
      const q = this.next();
      const then = this.parseExpression();
      this.expectPunct(':');
      const otherwise = this.parseExpression();
      left = { kind: 'ternary', cond: left, then, otherwise, at: q.at };
    }
    return left;
  }

  private parseUnary(): Node {
    const t = this.peek();
    if ((t.type === 'name' && t.value === 'not') || (t.type === 'punct' && (t.value === '-' || t.value === '+'))) {
      this.next();
      const operand = this.parseExpression(UNARY_PRECEDENCE);
      return { kind: 'unary', op: t.value as 'not' | '-' | '+', operand, at: t.at };
    }
    const t0 = this.peek();
    const primary = this.parsePrimary();
    // Pebble reads no attribute or subscript after a list or map literal
    if (t0.type === 'punct' && (t0.value === '[' || t0.value === '{')) return primary;
    return this.parsePostfix(primary);
  }

  private parsePrimary(): Node {
    const t = this.next();
    switch (t.type) {
      case 'number':
        return { kind: 'literal', value: Number(t.value), at: t.at };
      case 'string':
        return { kind: 'literal', value: t.value, at: t.at };
      case 'interpolated':
        return { kind: 'interpolated', parts: this.parseInterpolation(t), at: t.at };
      case 'name': {
        if (t.value === 'true' || t.value === 'TRUE' || t.value === 'false' || t.value === 'FALSE') {
          return { kind: 'literal', value: t.value.toLowerCase() === 'true', at: t.at };
        }
        if (t.value === 'null' || t.value === 'none' || t.value === 'NULL' || t.value === 'NONE') return { kind: 'literal', value: null, at: t.at };
        guardName(t);
        if (this.isPunct('(')) {
          this.calls.push(t);
          return { kind: 'call', name: t.value, args: this.parseArgs(), at: t.at };
        }
        return { kind: 'name', name: t.value, at: t.at };
      }
      case 'punct':
        if (t.value === '(') {
          const inner = this.parseExpression();
          this.expectPunct(')');
          return inner;
        }
        if (t.value === '[') {
          const items: Node[] = [];
          while (!this.isPunct(']')) {
            items.push(this.parseExpression());
            if (!this.isPunct(']')) this.expectPunct(',');
          }
          this.next();
          return { kind: 'list', items, at: t.at };
        }
        if (t.value === '{') {
          const entries: [Node, Node][] = [];
          while (!this.isPunct('}')) {
            const key = this.parseExpression();
            this.expectPunct(':');
            entries.push([key, this.parseExpression()]);
            if (!this.isPunct('}')) this.expectPunct(',');
          }
          this.next();
          return { kind: 'map', entries, at: t.at };
        }
        break;
      case 'end':
        throw new PebbleSyntaxError('Unexpected end of expression', t.at);
    }
    throw new PebbleSyntaxError(`Unexpected ${describe(t)}`, t.at);
  }

  /** `"a#{x}b"`: text parts as literals, each `#{…}` parsed as an expression. */
  private parseInterpolation(t: Token): Node[] {
    const out: Node[] = [];
    for (const part of t.parts ?? []) {
      if (typeof part === 'string') {
        if (part) out.push({ kind: 'literal', value: part, at: t.at });
        continue;
      }
      const inner = new ExpressionParser(part, this.vocab, this.recursion);
      const node = inner.parseExpression();
      inner.expectEnd();
      this.calls.push(...inner.calls);
      out.push(node);
    }
    return out;
  }

  private parsePostfix(node: Node): Node {
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        const t = this.next();
        if (t.type !== 'name' && t.type !== 'number') throw new PebbleSyntaxError(`Expected an attribute name but found ${describe(t)}`, t.at);
        guardName(t);
        if (this.isPunct('(')) {
          throw new PebbleSyntaxError(`Method calls such as \`.${t.value}()\` are not allowed: expressions only read data`, t.at);
        }
        node = { kind: 'attr', target: node, name: t.value, at: t.at };
      } else if (this.isPunct('[')) {
        const open = this.next();
        const index = this.parseExpression();
        this.expectPunct(']');
        node = { kind: 'index', target: node, index, at: open.at };
      } else if (this.isPunct('(')) {
        throw new PebbleSyntaxError('Only named functions can be called', this.peek().at);
      } else {
        return node;
      }
    }
  }

  parseArgs(): Arg[] {
    this.expectPunct('(');
    const args: Arg[] = [];
    while (!this.isPunct(')')) {
      const t = this.peek();
      if (t.type === 'name' && this.isPunct('=', 1)) {
        guardName(t);
        this.next();
        this.next();
        args.push({ name: t.value, value: this.parseExpression() });
      } else {
        if (args.some((a) => a.name)) throw new PebbleSyntaxError('Positional arguments must come before named arguments', t.at);
        args.push({ value: this.parseExpression() });
      }
      if (!this.isPunct(')')) this.expectPunct(',');
    }
    this.next();
    return args;
  }

  private checkKnown(t: Token, known: ReadonlySet<string>, what: 'Filter' | 'Test'): void {
    if (!known.has(t.value)) throw new PebbleSyntaxError(`${what} [${t.value}] does not exist`, t.at);
  }
}

export function guardName(t: Token): void {
  if (FORBIDDEN_NAMES.has(t.value) || t.value.startsWith('__')) {
    throw new PebbleSyntaxError(`Access to \`${t.value}\` is not allowed in an expression`, t.at);
  }
}

export function describe(t: Token): string {
  if (t.type === 'end') return 'the end of the expression';
  if (t.type === 'string') return `string "${t.value}"`;
  return `\`${t.value}\``;
}
