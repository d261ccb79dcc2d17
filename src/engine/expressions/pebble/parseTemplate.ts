import type { Arg, Node } from './ast';
import { ExpressionParser, guardName, type Vocabulary } from './parseExpression';
import type { MacroDefinition, ParsedTemplate, TemplateNode } from './templateAst';
import { PebbleSyntaxError, tokenize, type Token } from './tokenize';

/** Tags nested deeper than this are refused (each level is a step of recursion when rendering). */
export const MAX_TAG_DEPTH = 64;

export interface ParseResult extends ParsedTemplate {
  errors: PebbleSyntaxError[];
}

type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'print'; tokens: Token[]; at: number }
  | { kind: 'tag'; tokens: Token[]; at: number };

/** Pebble tags that load other templates: a flow's template has nothing to load them from. */
const LOADING_TAGS = new Set(['include', 'import', 'from', 'extends', 'embed']);
const VERBATIM_START = /\s*verbatim\s*(-)?%\}/y;
const VERBATIM_END = /\{%(-)?\s*endverbatim\s*(-)?%\}/g;

/**
 * Parses a Pebble template into a tree (see templateAst.ts) the way Pebble's
 * lexer and parser read it: text, `{{ }}`, `{% %}` tags, `{# #}` comments,
 * `-` whitespace control, `verbatim` blocks. Parsing goes on after an error
 * so a validator can report several; offsets point into `src`.
 * (Kestra's one-line `{% raw %}` blocks are taken out before this, see rawBlocks.ts.)
 */
export function parseTemplate(src: string, vocab: Vocabulary): ParseResult {
  const errors: PebbleSyntaxError[] = [];
  const pieces = lex(src, errors);
  const builder = new TreeBuilder(pieces, vocab, errors);
  const nodes = builder.build();
  builder.checkCalls();
  errors.sort((a, b) => a.offset - b.offset);
  return { nodes, macros: builder.macros, blocks: builder.blocks, errors };
}

function lex(src: string, errors: PebbleSyntaxError[]): Piece[] {
  const pieces: Piece[] = [];
  let pos = 0;
  let trimNext = false;
  const pushText = (text: string) => {
    const t = trimNext ? text.trimStart() : text;
    trimNext = false;
    if (t) pieces.push({ kind: 'text', text: t });
  };
  const trimPrevious = () => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') {
      // trimEnd, not /\s+$/: that regular expression is quadratic on a long run of spaces
      last.text = last.text.trimEnd();
      if (!last.text) pieces.pop();
    }
  };
  while (pos < src.length) {
    const open = findOpen(src, pos);
    if (open < 0) {
      pushText(src.slice(pos));
      break;
    }
    pushText(src.slice(pos, open));
    const kind = src.slice(open, open + 2);
    const trimBefore = src[open + 2] === '-';
    if (trimBefore) trimPrevious();
    const start = open + 2 + (trimBefore ? 1 : 0);
    if (kind === '{#') {
      const end = src.indexOf('#}', start);
      if (end < 0) {
        errors.push(new PebbleSyntaxError('Unclosed comment `{#`', open));
        return pieces;
      }
      trimNext = src[end - 1] === '-' && end - 1 >= start;
      pos = end + 2;
      continue;
    }
    if (kind === '{%') {
      VERBATIM_START.lastIndex = start;
      const v = VERBATIM_START.exec(src);
      if (v) {
        VERBATIM_END.lastIndex = VERBATIM_START.lastIndex;
        const end = VERBATIM_END.exec(src);
        if (!end) {
          errors.push(new PebbleSyntaxError('Unexpected end of template. Pebble was looking for the "endverbatim" tag', open));
          return pieces;
        }
        trimNext = Boolean(v[1]);
        let body = src.slice(VERBATIM_START.lastIndex, end.index);
        if (trimNext) body = body.trimStart();
        if (end[1]) body = body.trimEnd();
        trimNext = false;
        if (body) pieces.push({ kind: 'text', text: body });
        trimNext = Boolean(end[2]);
        pos = end.index + end[0].length;
        continue;
      }
    }
    try {
      const { tokens, next, trimAfter } = tokenize(src, start, kind === '{{' ? '}}' : '%}');
      pieces.push({ kind: kind === '{{' ? 'print' : 'tag', tokens, at: open });
      trimNext = trimAfter;
      pos = next;
    } catch (e) {
      if (!(e instanceof PebbleSyntaxError)) throw e;
      errors.push(e);
      const close = src.indexOf(kind === '{{' ? '}}' : '%}', start);
      if (close < 0) return pieces;
      pos = close + 2;
    }
  }
  return pieces;
}

function findOpen(src: string, from: number): number {
  const re = /\{[{%#]/g;
  re.lastIndex = from;
  const m = re.exec(src);
  return m ? m.index : -1;
}

/** What closes the body being read: the tag name it stopped at, and the tag's tokens. */
interface Stop {
  name: string;
  parser: ExpressionParser;
  at: number;
}

class TreeBuilder {
  private i = 0;
  private depth = 0;
  readonly macros = new Map<string, MacroDefinition>();
  readonly blocks = new Map<string, TemplateNode[]>();
  private readonly calls: Token[] = [];

  constructor(
    private readonly pieces: Piece[],
    private readonly vocab: Vocabulary,
    private readonly errors: PebbleSyntaxError[],
  ) {}

  build(): TemplateNode[] {
    const { nodes, stop } = this.body(new Set());
    if (stop) this.errors.push(new PebbleSyntaxError(`Unexpected tag name "${stop.name}"`, stop.at));
    return nodes;
  }

  /** Unknown functions, once the template's macros are known. */
  checkCalls(): void {
    for (const t of this.calls) {
      if (!this.vocab.functions.has(t.value) && !this.macros.has(t.value)) {
        this.errors.push(new PebbleSyntaxError(`Function or Macro [${t.value}] does not exist`, t.at));
      }
    }
  }

  private parser(tokens: Token[]): ExpressionParser {
    return new ExpressionParser(tokens, this.vocab);
  }

  private expression(p: ExpressionParser): Node {
    const node = p.parseTopExpression();
    this.calls.push(...p.calls.splice(0));
    return node;
  }

  /** Reads nodes until one of `stops` (returned, consumed) or the end of the template. */
  private body(stops: ReadonlySet<string>): { nodes: TemplateNode[]; stop: Stop | null } {
    const nodes: TemplateNode[] = [];
    while (this.i < this.pieces.length) {
      const piece = this.pieces[this.i++];
      if (piece.kind === 'text') {
        nodes.push({ kind: 'text', text: piece.text });
        continue;
      }
      try {
        const p = this.parser(piece.tokens);
        if (piece.kind === 'print') {
          const expr = this.expression(p);
          p.expectEnd();
          nodes.push({ kind: 'print', expr, at: piece.at });
          continue;
        }
        const head = p.next();
        if (head.type !== 'name') throw new PebbleSyntaxError('Expected a tag name after `{%`', head.at);
        if (stops.has(head.value)) return { nodes, stop: { name: head.value, parser: p, at: head.at } };
        const node = this.tag(head, p);
        if (node) nodes.push(node);
      } catch (e) {
        if (!(e instanceof PebbleSyntaxError)) throw e;
        this.errors.push(e);
      }
    }
    return { nodes, stop: null };
  }

  /** A body that must end with one of `stops`; reports the missing end tag. */
  private nested(stops: string[], owner: Token): { nodes: TemplateNode[]; stop: Stop } | null {
    if (++this.depth > MAX_TAG_DEPTH) {
      this.depth--;
      throw new PebbleSyntaxError(`Tags nested deeper than ${MAX_TAG_DEPTH} levels`, owner.at);
    }
    try {
      const { nodes, stop } = this.body(new Set(stops));
      if (!stop) {
        this.errors.push(new PebbleSyntaxError(`Unexpected end of template. Pebble was looking for the "${stops[stops.length - 1]}" tag`, owner.at));
        return null;
      }
      return { nodes, stop };
    } finally {
      this.depth--;
    }
  }

  private tag(head: Token, p: ExpressionParser): TemplateNode | null {
    switch (head.value) {
      case 'if':
        return this.ifTag(head, p);
      case 'for':
        return this.forTag(head, p);
      case 'set': {
        const target = p.expectName();
        checkVariableName(target);
        p.expectPunct('=');
        const value = this.expression(p);
        p.expectEnd();
        return { kind: 'set', name: target.value, value, at: head.at };
      }
      case 'macro':
        this.macroTag(head, p);
        return null;
      case 'block': {
        const name = p.expectName();
        p.expectEnd();
        const inner = this.nested(['endblock'], head);
        const body = inner?.nodes ?? [];
        if (inner) endTag(inner.stop, name.value);
        this.blocks.set(name.value, body);
        return { kind: 'block', name: name.value, body, at: head.at };
      }
      case 'filter': {
        const filters: { name: string; args: Arg[]; at: number }[] = [];
        do {
          const name = p.expectName();
          if (!this.vocab.filters.has(name.value)) throw new PebbleSyntaxError(`Filter [${name.value}] does not exist`, name.at);
          const args = p.isPunct('(') ? p.parseArgs() : [];
          this.calls.push(...p.calls.splice(0));
          filters.push({ name: name.value, args, at: name.at });
        } while (p.isPunct('|') && p.next());
        p.expectEnd();
        const inner = this.nested(['endfilter'], head);
        if (inner) endTag(inner.stop);
        return { kind: 'filter', filters, body: inner?.nodes ?? [], at: head.at };
      }
      case 'autoescape': {
        let strategy: string | false = 'html';
        const t = p.peek();
        if (t.type === 'string') strategy = p.next().value;
        else if (t.type === 'name' && t.value === 'false') {
          p.next();
          strategy = false;
        }
        p.expectEnd();
        const inner = this.nested(['endautoescape'], head);
        if (inner) endTag(inner.stop);
        return { kind: 'autoescape', strategy, body: inner?.nodes ?? [], at: head.at };
      }
      case 'cache':
      case 'parallel': {
        // `{% cache 'key' %}`: the key is an expression; it does not change what is printed
        if (head.value === 'cache') this.expression(p);
        p.expectEnd();
        const inner = this.nested([`end${head.value}`], head);
        if (inner) endTag(inner.stop);
        return { kind: 'body', body: inner?.nodes ?? [] };
      }
      case 'flush':
        p.expectEnd();
        return null;
      case 'raw':
        throw new PebbleSyntaxError('Unexpected tag name "raw": Kestra only recognises `{% raw %}…{% endraw %}` on one line; use `{% verbatim %}…{% endverbatim %}` for several lines', head.at);
      default:
        if (LOADING_TAGS.has(head.value)) {
          throw new PebbleSyntaxError(`Tag \`${head.value}\` is not supported in Kestra expressions: a flow's template has no other templates to load`, head.at);
        }
        throw new PebbleSyntaxError(`Unexpected tag name "${head.value}"`, head.at);
    }
  }

  private ifTag(head: Token, p: ExpressionParser): TemplateNode {
    const branches: { cond: Node; body: TemplateNode[] }[] = [];
    let cond = this.expression(p);
    p.expectEnd();
    let otherwise: TemplateNode[] | null = null;
    for (;;) {
      const inner = this.nested(['elseif', 'elif', 'else', 'endif'], head);
      if (!inner) {
        branches.push({ cond, body: [] });
        break;
      }
      branches.push({ cond, body: inner.nodes });
      const { stop } = inner;
      if (stop.name === 'endif') {
        stop.parser.expectEnd();
        break;
      }
      if (stop.name === 'else') {
        stop.parser.expectEnd();
        const rest = this.nested(['endif'], head);
        otherwise = rest?.nodes ?? [];
        if (rest) endTag(rest.stop);
        break;
      }
      cond = this.expression(stop.parser);
      stop.parser.expectEnd();
    }
    return { kind: 'if', branches, otherwise, at: head.at };
  }

  private forTag(head: Token, p: ExpressionParser): TemplateNode {
    const variable = p.expectName();
    checkVariableName(variable);
    const inTok = p.next();
    if (inTok.type !== 'name' || inTok.value !== 'in') throw new PebbleSyntaxError('Expected `in` in the `for` tag', inTok.at);
    const iterable = this.expression(p);
    p.expectEnd();
    const inner = this.nested(['else', 'endfor'], head);
    let otherwise: TemplateNode[] | null = null;
    if (inner?.stop.name === 'else') {
      inner.stop.parser.expectEnd();
      const rest = this.nested(['endfor'], head);
      otherwise = rest?.nodes ?? [];
      if (rest) endTag(rest.stop);
    } else if (inner) {
      endTag(inner.stop);
    }
    return { kind: 'for', variable: variable.value, iterable, body: inner?.nodes ?? [], otherwise, at: head.at };
  }

  private macroTag(head: Token, p: ExpressionParser): void {
    const name = p.expectName();
    guardName(name);
    p.expectPunct('(');
    const params: MacroDefinition['params'] = [];
    while (!p.isPunct(')')) {
      const param = p.expectName();
      checkVariableName(param);
      let defaultValue: Node | null = null;
      if (p.isPunct('=')) {
        p.next();
        defaultValue = this.expression(p);
      }
      params.push({ name: param.value, defaultValue });
      if (!p.isPunct(')')) p.expectPunct(',');
    }
    p.next();
    p.expectEnd();
    const inner = this.nested(['endmacro'], head);
    if (inner) endTag(inner.stop);
    if (this.macros.has(name.value)) throw new PebbleSyntaxError(`Macro [${name.value}] is defined twice`, name.at);
    this.macros.set(name.value, { name: name.value, params, body: inner?.nodes ?? [], at: head.at });
  }
}

/** `{% endblock %}` may repeat the block's name, as Pebble allows. */
function endTag(stop: Stop, name?: string): void {
  const t = stop.parser.peek();
  if (name !== undefined && t.type === 'name' && t.value === name) stop.parser.next();
  stop.parser.expectEnd();
}

function checkVariableName(t: Token): void {
  if (t.value.startsWith('__') || ['constructor', 'prototype'].includes(t.value)) {
    throw new PebbleSyntaxError(`\`${t.value}\` cannot be used as a variable name`, t.at);
  }
}
