import type { Expr, MacroParam, Node, Target, Template } from './ast';
import { JinjaError } from './JinjaError';
import { tokenize, type Token } from './lexer';

const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);
/** Tags this runner refuses, with why (dbt projects rarely use them; a clear message beats a wrong result). */
const REFUSED_TAGS: Record<string, string> = {
  extends: 'template inheritance (`{% extends %}`) is not part of dbt models',
  block: 'template blocks (`{% block %}`) are not part of dbt models',
  include: '`{% include %}` is not supported by dbt: call a macro instead',
  import: '`{% import %}` is not supported by dbt: macros of the project and its packages are already available',
  from: '`{% from ... import %}` is not supported by dbt: macros of the project and its packages are already available',
  autoescape: '`{% autoescape %}` is not supported here',
  trans: '`{% trans %}` (i18n) is not supported by dbt',
};

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private fail(message: string, token: Token = this.peek()): never {
    throw new JinjaError(message, token.line);
  }
  private isOp(value: string, t: Token = this.peek()): boolean {
    return t.kind === 'op' && t.value === value;
  }
  private isName(value: string, t: Token = this.peek()): boolean {
    return t.kind === 'name' && t.value === value;
  }
  private expectOp(value: string): Token {
    const t = this.next();
    if (t.kind !== 'op' || t.value !== value) this.fail(`expected \`${value}\`, got ${describe(t)}`, t);
    return t;
  }
  private expectName(value?: string): string {
    const t = this.next();
    if (t.kind !== 'name' || (value !== undefined && t.value !== value)) this.fail(value ? `expected \`${value}\`, got ${describe(t)}` : `expected a name, got ${describe(t)}`, t);
    return t.value as string;
  }
  private expectEnd(): void {
    const t = this.next();
    if (t.kind !== 'end') this.fail(`expected the end of the tag, got ${describe(t)}`, t);
  }

  parseTemplate(): Template {
    const body = this.parseBody([]);
    const t = this.peek();
    if (t.kind !== 'eof') this.fail('unexpected tag');
    const macros = body.filter((n): n is Extract<Node, { type: 'macro' }> => n.type === 'macro');
    return { body, macros };
  }

  /** Nodes until one of `ends` opens a block tag (left unconsumed, after its `{%`) or the end of the template. */
  private parseBody(ends: string[]): Node[] {
    const nodes: Node[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') {
        if (ends.length) this.fail(`unexpected end of template: expected ${ends.map((e) => `\`{% ${e} %}\``).join(' or ')}`, t);
        return nodes;
      }
      if (t.kind === 'data') {
        this.next();
        nodes.push({ type: 'text', text: t.value });
        continue;
      }
      if (t.kind === 'begin' && t.tag === 'var') {
        this.next();
        const expr = this.parseTuple();
        const end = this.next();
        if (end.kind !== 'end' || end.tag !== 'var') this.fail(`expected \`}}\`, got ${describe(end)}`, end);
        nodes.push({ type: 'output', expr, line: t.line });
        continue;
      }
      if (t.kind === 'begin' && t.tag === 'block') {
        const name = this.peek(1);
        if (name.kind === 'name' && ends.includes(name.value)) {
          this.next();
          return nodes;
        }
        this.next();
        nodes.push(this.parseStatement());
        continue;
      }
      this.fail(`unexpected ${describe(t)}`, t);
    }
  }

  /** After `{% end... `: the name (already checked by parseBody), optionally repeated, then `%}`. */
  private closeTag(): string {
    const name = this.expectName();
    if (this.peek().kind === 'name' && (name === 'endmacro' || name === 'endtest')) this.next();
    this.expectEnd();
    return name;
  }

  private parseStatement(): Node {
    const t = this.next();
    if (t.kind !== 'name') this.fail(`expected a tag name after \`{%\`, got ${describe(t)}`, t);
    const tag = t.value;
    const line = t.line;
    switch (tag) {
      case 'if':
        return this.parseIf(line);
      case 'for':
        return this.parseFor(line);
      case 'set':
        return this.parseSet(line);
      case 'macro':
        return this.parseMacro(line, '', 'endmacro');
      case 'test':
        // a generic test definition: dbt makes it the macro `test_<name>`
        return this.parseMacro(line, 'test_', 'endtest');
      case 'call':
        return this.parseCallBlock(line);
      case 'filter': {
        const filters = this.parseFilterChain();
        this.expectEnd();
        const body = this.parseBody(['endfilter']);
        this.closeTag();
        return { type: 'filterBlock', filters, body, line };
      }
      case 'do': {
        const expr = this.parseTuple();
        this.expectEnd();
        return { type: 'do', expr, line };
      }
      case 'with': {
        const assignments: [Target, Expr][] = [];
        while (this.peek().kind !== 'end') {
          if (assignments.length) this.expectOp(',');
          const target = this.parseAssignTarget();
          this.expectOp('=');
          assignments.push([target, this.parseExpression()]);
        }
        this.expectEnd();
        const body = this.parseBody(['endwith']);
        this.closeTag();
        return { type: 'with', assignments, body, line };
      }
      case 'break':
      case 'continue':
        this.expectEnd();
        return { type: tag, line };
      case 'materialization':
        this.fail('custom materializations (`{% materialization %}`) are not supported by this dbt runner: use view, table, incremental or ephemeral', t);
      // falls through (fail never returns)
      case 'snapshot':
        this.fail('snapshots are not supported by this dbt runner (dbt snapshot needs its own materialization): remove the snapshots/ folder or run it on a real dbt', t);
      // falls through
      case 'docs': {
        // doc blocks only feed the documentation site: skipped
        while (this.peek().kind !== 'end') this.next();
        this.expectEnd();
        this.parseBody(['enddocs']);
        this.closeTag();
        return { type: 'text', text: '' };
      }
      default:
        if (REFUSED_TAGS[tag]) this.fail(REFUSED_TAGS[tag], t);
        this.fail(`unknown tag \`{% ${tag} %}\``, t);
    }
  }

  private parseIf(line: number): Node {
    const branches: { test: Expr; body: Node[] }[] = [];
    let test = this.parseTuple();
    this.expectEnd();
    for (;;) {
      const body = this.parseBody(['elif', 'else', 'endif']);
      branches.push({ test, body });
      const tag = this.expectName();
      if (tag === 'elif') {
        test = this.parseTuple();
        this.expectEnd();
        continue;
      }
      if (tag === 'else') {
        this.expectEnd();
        const elseBody = this.parseBody(['endif']);
        this.closeTag();
        return { type: 'if', branches, else: elseBody, line };
      }
      this.expectEnd();
      return { type: 'if', branches, else: null, line };
    }
  }

  private parseFor(line: number): Node {
    const target = this.parseAssignTarget(true);
    this.expectName('in');
    const iter = this.parseTuple(true);
    let filter: Expr | null = null;
    if (this.isName('if')) {
      this.next();
      filter = this.parseExpression();
    }
    if (this.isName('recursive')) this.fail('recursive for loops are not supported here');
    this.expectEnd();
    const body = this.parseBody(['else', 'endfor']);
    const tag = this.expectName();
    let elseBody: Node[] | null = null;
    this.expectEnd();
    if (tag === 'else') {
      elseBody = this.parseBody(['endfor']);
      this.closeTag();
    }
    return { type: 'for', target, iter, filter, body, else: elseBody, line };
  }

  private parseSet(line: number): Node {
    const target = this.parseAssignTarget(true);
    if (this.isOp('=')) {
      this.next();
      const expr = this.parseTuple();
      this.expectEnd();
      return { type: 'set', target, expr, line };
    }
    const filters = this.isOp('|') ? this.parseFilterChain() : [];
    this.expectEnd();
    const body = this.parseBody(['endset']);
    this.closeTag();
    return { type: 'setBlock', target, body, filters, line };
  }

  private parseParams(): MacroParam[] {
    const params: MacroParam[] = [];
    this.expectOp('(');
    while (!this.isOp(')')) {
      if (params.length) this.expectOp(',');
      if (this.isOp(')')) break;
      const name = this.expectName();
      let def: Expr | null = null;
      if (this.isOp('=')) {
        this.next();
        def = this.parseExpression();
      } else if (params.some((p) => p.default)) {
        this.fail(`parameter \`${name}\` without a default follows one with a default`);
      }
      params.push({ name, default: def });
    }
    this.expectOp(')');
    return params;
  }

  private parseMacro(line: number, prefix: string, end: string): Node {
    const name = prefix + this.expectName();
    const params = this.isOp('(') ? this.parseParams() : [];
    this.expectEnd();
    const body = this.parseBody([end]);
    this.closeTag();
    return { type: 'macro', name, params, body, line };
  }

  private parseCallBlock(line: number): Node {
    const params = this.isOp('(') ? this.parseParams() : [];
    const call = this.parseExpression();
    if (call.type !== 'call') this.fail('`{% call %}` expects a macro call, like `{% call statement("main") %}`');
    this.expectEnd();
    const body = this.parseBody(['endcall']);
    this.closeTag();
    return { type: 'callBlock', call, params, body, line };
  }

  private parseAssignTarget(allowTuple = false): Target {
    const one = (): Target => {
      if (this.isOp('(')) {
        this.next();
        const items: Target[] = [one()];
        while (this.isOp(',')) {
          this.next();
          if (this.isOp(')')) break;
          items.push(one());
        }
        this.expectOp(')');
        return { type: 'tuple', items };
      }
      const name = this.expectName();
      if (this.isOp('.')) {
        this.next();
        return { type: 'attr', object: name, name: this.expectName() };
      }
      return { type: 'name', name };
    };
    const first = one();
    if (!allowTuple || !this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.next();
      items.push(one());
    }
    return { type: 'tuple', items };
  }

  // ---- expressions (Jinja's precedence) ----

  /** An expression, or a tuple of them without parentheses (`{% set a = 1, 2 %}`). */
  private parseTuple(noCondExpr = false): Expr {
    const line = this.peek().line;
    const first = noCondExpr ? this.parseOr() : this.parseExpression();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.next();
      if (this.peek().kind === 'end' || this.isName('in') || this.isName('if')) break;
      items.push(noCondExpr ? this.parseOr() : this.parseExpression());
    }
    return { type: 'tuple', items, line };
  }

  parseExpression(): Expr {
    let expr = this.parseOr();
    while (this.isName('if')) {
      const line = this.next().line;
      const test = this.parseOr();
      let otherwise: Expr | null = null;
      if (this.isName('else')) {
        this.next();
        otherwise = this.parseExpression();
      }
      expr = { type: 'cond', test, then: expr, else: otherwise, line };
    }
    return expr;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isName('or')) {
      const line = this.next().line;
      left = { type: 'or', left, right: this.parseAnd(), line };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isName('and')) {
      const line = this.next().line;
      left = { type: 'and', left, right: this.parseNot(), line };
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.isName('not')) {
      const line = this.next().line;
      return { type: 'unary', op: 'not', operand: this.parseNot(), line };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const line = this.peek().line;
    const first = this.parseMath1();
    const ops: [string, Expr][] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && COMPARE_OPS.has(t.value)) {
        this.next();
        ops.push([t.value, this.parseMath1()]);
      } else if (this.isName('in')) {
        this.next();
        ops.push(['in', this.parseMath1()]);
      } else if (this.isName('not') && this.isName('in', this.peek(1))) {
        this.next();
        this.next();
        ops.push(['notin', this.parseMath1()]);
      } else break;
    }
    return ops.length ? { type: 'compare', first, ops, line } : first;
  }

  private parseMath1(): Expr {
    let left = this.parseConcat();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next() as { value: string; line: number };
      left = { type: 'binary', op: t.value, left, right: this.parseConcat(), line: t.line };
    }
    return left;
  }

  private parseConcat(): Expr {
    const line = this.peek().line;
    const parts = [this.parseMath2()];
    while (this.isOp('~')) {
      this.next();
      parts.push(this.parseMath2());
    }
    return parts.length === 1 ? parts[0] : { type: 'concat', parts, line };
  }

  private parseMath2(): Expr {
    let left = this.parsePow();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const t = this.next() as { value: string; line: number };
      left = { type: 'binary', op: t.value, left, right: this.parsePow(), line: t.line };
    }
    return left;
  }

  private parsePow(): Expr {
    let left = this.parseUnary();
    while (this.isOp('**')) {
      const line = this.next().line;
      left = { type: 'binary', op: '**', left, right: this.parseUnary(), line };
    }
    return left;
  }

  private parseUnary(withFilter = true): Expr {
    const t = this.peek();
    let node: Expr;
    if (this.isOp('-') || this.isOp('+')) {
      this.next();
      node = { type: 'unary', op: (t as { value: '-' | '+' }).value, operand: this.parseUnary(false), line: t.line };
    } else {
      node = this.parsePrimary();
    }
    node = this.parsePostfix(node);
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  private parsePrimary(): Expr {
    const t = this.next();
    const line = t.line;
    if (t.kind === 'name') {
      switch (t.value) {
        case 'true':
        case 'True':
          return { type: 'literal', value: true, line };
        case 'false':
        case 'False':
          return { type: 'literal', value: false, line };
        case 'none':
        case 'None':
          return { type: 'literal', value: null, line };
      }
      return { type: 'name', name: t.value, line };
    }
    if (t.kind === 'string') {
      let value = t.value;
      while (this.peek().kind === 'string') value += (this.next() as { value: string }).value;
      return { type: 'literal', value, line };
    }
    if (t.kind === 'number') return { type: 'literal', value: t.value, line };
    if (t.kind === 'op') {
      if (t.value === '(') {
        if (this.isOp(')')) {
          this.next();
          return { type: 'tuple', items: [], line };
        }
        const first = this.parseExpression();
        if (this.isOp(')')) {
          this.next();
          return first;
        }
        const items = [first];
        while (this.isOp(',')) {
          this.next();
          if (this.isOp(')')) break;
          items.push(this.parseExpression());
        }
        this.expectOp(')');
        return { type: 'tuple', items, line };
      }
      if (t.value === '[') {
        const items: Expr[] = [];
        while (!this.isOp(']')) {
          if (items.length) this.expectOp(',');
          if (this.isOp(']')) break;
          items.push(this.parseExpression());
        }
        this.expectOp(']');
        return { type: 'list', items, line };
      }
      if (t.value === '{') {
        const entries: [Expr, Expr][] = [];
        while (!this.isOp('}')) {
          if (entries.length) this.expectOp(',');
          if (this.isOp('}')) break;
          const key = this.parseExpression();
          this.expectOp(':');
          entries.push([key, this.parseExpression()]);
        }
        this.expectOp('}');
        return { type: 'dict', entries, line };
      }
    }
    this.fail(`unexpected ${describe(t)}`, t);
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.isOp('.')) {
        const line = this.next().line;
        const t = this.next();
        if (t.kind === 'name') node = { type: 'attr', object: node, name: t.value, line };
        else if (t.kind === 'number' && !t.float) node = { type: 'item', object: node, index: { type: 'literal', value: t.value, line }, line };
        else this.fail(`expected an attribute name after \`.\`, got ${describe(t)}`, t);
      } else if (this.isOp('[')) {
        node = this.parseSubscript(node);
      } else if (this.isOp('(')) {
        node = this.parseCall(node);
      } else return node;
    }
  }

  private parseSubscript(object: Expr): Expr {
    const line = this.expectOp('[').line;
    const part = (): Expr | null => (this.isOp(':') || this.isOp(']') ? null : this.parseExpression());
    const start = part();
    if (this.isOp(']')) {
      this.next();
      if (!start) this.fail('expected an index inside `[]`');
      return { type: 'item', object, index: start, line };
    }
    if (this.isOp(',')) {
      // d[a, b]: a tuple key
      const items = [start!];
      while (this.isOp(',')) {
        this.next();
        items.push(this.parseExpression());
      }
      this.expectOp(']');
      return { type: 'item', object, index: { type: 'tuple', items, line }, line };
    }
    this.expectOp(':');
    const stop = part();
    let step: Expr | null = null;
    if (this.isOp(':')) {
      this.next();
      step = part();
    }
    this.expectOp(']');
    return { type: 'slice', object, start, stop, step, line };
  }

  private parseArgs(): { args: Expr[]; kwargs: [string, Expr][]; starArgs: Expr | null; starKwargs: Expr | null } {
    this.expectOp('(');
    const args: Expr[] = [];
    const kwargs: [string, Expr][] = [];
    let starArgs: Expr | null = null;
    let starKwargs: Expr | null = null;
    let first = true;
    while (!this.isOp(')')) {
      if (!first) this.expectOp(',');
      first = false;
      if (this.isOp(')')) break;
      if (this.isOp('**')) {
        this.next();
        starKwargs = this.parseExpression();
      } else if (this.isOp('*')) {
        this.next();
        starArgs = this.parseExpression();
      } else if (this.peek().kind === 'name' && this.isOp('=', this.peek(1))) {
        const name = (this.next() as { value: string }).value;
        this.next();
        kwargs.push([name, this.parseExpression()]);
      } else {
        if (kwargs.length) this.fail('a positional argument follows a keyword argument');
        args.push(this.parseExpression());
      }
    }
    this.expectOp(')');
    return { args, kwargs, starArgs, starKwargs };
  }

  private parseCall(callee: Expr): Expr {
    const line = this.peek().line;
    return { type: 'call', callee, ...this.parseArgs(), line };
  }

  private parseFilter(value: Expr | null): Expr {
    const t = this.peek();
    let name = this.expectName();
    while (this.isOp('.')) {
      this.next();
      name += '.' + this.expectName();
    }
    let args: Expr[] = [];
    let kwargs: [string, Expr][] = [];
    if (this.isOp('(')) {
      const a = this.parseArgs();
      args = a.args;
      kwargs = a.kwargs;
    }
    return { type: 'filter', value, name, args, kwargs, line: t.line };
  }

  /** `| f1 | f2(x)` as a chain applied to a value given later (filter blocks, `{% set x | f %}`). */
  private parseFilterChain(): Expr[] {
    const out: Expr[] = [];
    while (this.isOp('|') || !out.length) {
      if (this.isOp('|')) this.next();
      out.push(this.parseFilter(null));
    }
    return out;
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.isOp('|')) {
        this.next();
        node = this.parseFilter(node);
      } else if (this.isName('is')) {
        const line = this.next().line;
        let negated = false;
        if (this.isName('not')) {
          this.next();
          negated = true;
        }
        const t = this.next();
        let name: string;
        if (t.kind === 'name') name = t.value;
        else if (t.kind === 'op' && COMPARE_OPS.has(t.value)) name = t.value;
        else this.fail(`expected a test name after \`is\`, got ${describe(t)}`, t);
        let args: Expr[] = [];
        if (this.isOp('(')) {
          args = this.parseArgs().args;
        } else {
          const n = this.peek();
          // one argument without parentheses: `x is divisibleby 3`, `x is sameas none`
          if ((n.kind === 'number' || n.kind === 'string' || (n.kind === 'name' && !['and', 'or', 'else', 'if', 'in', 'is', 'not'].includes(n.value)) || (n.kind === 'op' && (n.value === '[' || n.value === '(' || n.value === '{')))) {
            args = [this.parsePostfix(this.parsePrimary())];
          }
        }
        node = { type: 'test', value: node, name, args, negated, line };
      } else if (this.isOp('(')) {
        node = this.parseCall(node);
      } else return node;
    }
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'data':
      return 'template text';
    case 'begin':
      return t.tag === 'block' ? '`{%`' : '`{{`';
    case 'end':
      return t.tag === 'block' ? '`%}`' : '`}}`';
    case 'name':
      return `\`${t.value}\``;
    case 'string':
      return `the string ${JSON.stringify(t.value.slice(0, 40))}`;
    case 'number':
      return `the number ${t.value}`;
    case 'op':
      return `\`${t.value}\``;
    case 'eof':
      return 'the end of the template';
  }
}

/** Parses a dbt Jinja template into a tree; a syntax error is a JinjaError with its line. */
export function parseTemplate(source: string): Template {
  return new Parser(tokenize(source)).parseTemplate();
}

/** Parses a single expression (`var('x')`, a Python literal): the whole text must be one expression. */
export function parseExpressionSource(source: string): Expr {
  const tokens = tokenize(`{{ ${source} }}`);
  const p = new Parser(tokens);
  const body = p.parseTemplate().body;
  if (body.length !== 1 || body[0].type !== 'output') throw new JinjaError(`not a single expression: ${source.slice(0, 60)}`);
  return body[0].expr;
}
