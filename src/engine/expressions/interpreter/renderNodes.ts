import { ExpressionError } from '../ExpressionError';
import { iterate, pebbleBool } from '../operatorHelpers';
import type { RenderBudget } from '../RenderBudget';
import type { MacroDefinition, ParsedTemplate, TemplateNode } from '../pebble/templateAst';
import { newMap, stringify } from '../values';
import { evaluate } from './evaluateExpression';
import type { Library, RenderEnv, TemplateRenderer } from './RenderEnv';
import { ScopeChain } from './ScopeChain';

/** Where a template's output goes: text with a size limit, or (typed rendering) the values themselves. */
class Output {
  readonly parts: unknown[] = [];
  private length = 0;
  private onlyText = true;
  constructor(private readonly budget: RenderBudget) {}

  text(s: string): void {
    if (!s) return;
    this.length += s.length;
    if (this.length > this.budget.limits.maxChars) this.budget.chars(this.length);
    this.parts.push(s);
  }

  value(v: unknown): void {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') return this.text(v);
    this.onlyText = false;
    this.parts.push(v);
    this.length += typeof v === 'object' ? 2 : 8;
  }

  toText(): string {
    if (this.onlyText) return this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    let s = '';
    for (const p of this.parts) {
      s += stringify(p, this.budget);
      if (s.length > this.budget.limits.maxChars) this.budget.chars(s.length);
    }
    return s;
  }
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeFor(strategy: string, s: string): string {
  switch (strategy) {
    case 'html':
      return s.replace(/[&<>"']/g, (c) => HTML[c]);
    case 'url_param':
      return encodeURIComponent(s);
    case 'js':
      return s.replace(/[^A-Za-z0-9 ,._]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    default:
      throw new ExpressionError(`Unknown escaping strategy \`${strategy}\``);
  }
}

function renderList(nodes: TemplateNode[], env: RenderEnv, out: Output): void {
  for (const node of nodes) renderNode(node, env, out);
}

function renderToString(nodes: TemplateNode[], env: RenderEnv): string {
  const out = new Output(env.budget);
  renderList(nodes, env, out);
  return out.toText();
}

function renderNode(node: TemplateNode, env: RenderEnv, out: Output): void {
  env.budget.step();
  switch (node.kind) {
    case 'text':
      return out.text(node.text);
    case 'print': {
      const value = evaluate(node.expr, env);
      const isMacro = node.expr.kind === 'call' && !env.library.functions.has(node.expr.name);
      if (env.escape && !isMacro && value !== null && value !== undefined) return out.text(escapeFor(env.escape, stringify(value, env.budget)));
      return out.value(value);
    }
    case 'if': {
      for (const branch of node.branches) {
        if (pebbleBool(evaluate(branch.cond, env), 'if statement')) return renderList(branch.body, env, out);
      }
      if (node.otherwise) renderList(node.otherwise, env, out);
      return;
    }
    case 'for': {
      const value = evaluate(node.iterable, env);
      if (value === null || value === undefined) return;
      const items = iterate(value);
      if (!items.length) {
        if (node.otherwise) renderList(node.otherwise, env, out);
        return;
      }
      env.scope.push();
      try {
        items.forEach((item, index) => {
          env.budget.step();
          env.scope.put('loop', newMap([
            ['index', index],
            ['revindex', items.length - index - 1],
            ['first', index === 0],
            ['last', index === items.length - 1],
            ['length', items.length],
          ]));
          env.scope.put(node.variable, item);
          renderList(node.body, env, out);
        });
      } finally {
        env.scope.pop();
      }
      return;
    }
    case 'set':
      env.scope.set(node.name, evaluate(node.value, env));
      return;
    case 'block':
    case 'body':
      return renderList(node.body, env, out);
    case 'filter': {
      let value: unknown = renderToString(node.body, env);
      for (const f of node.filters) {
        const filter = env.library.filters.get(f.name);
        if (!filter) throw new ExpressionError(`Filter [${f.name}] does not exist`);
        const args = f.args.map((a) => evaluate(a.value, env));
        value = filter(value, ...args);
      }
      return out.value(value);
    }
    case 'autoescape': {
      const previous = env.escape;
      env.escape = node.strategy;
      try {
        renderList(node.body, env, out);
      } finally {
        env.escape = previous;
      }
      return;
    }
  }
}

const RENDERER: TemplateRenderer = {
  callMacro,
  renderBlock(env, name) {
    const body = env.template.blocks.get(name);
    if (!body) throw new ExpressionError(`Block [${name}] does not exist`);
    return renderToString(body, env);
  },
};

function newEnv(template: ParsedTemplate, root: Record<string, unknown> | null, library: Library, budget: RenderBudget): RenderEnv {
  return { scope: new ScopeChain(root), root: root ?? {}, template, budget, library, escape: false, renderer: RENDERER };
}

/** Renders a parsed template with `root` as its context; `typed` keeps a lone value's type (Kestra's renderTyped). */
export function renderTemplate(template: ParsedTemplate, root: Record<string, unknown>, library: Library, budget: RenderBudget, typed = false): unknown {
  const env = newEnv(template, root, library, budget);
  const out = new Output(budget);
  renderList(template.nodes, env, out);
  if (typed) {
    if (out.parts.length === 1) return out.parts[0];
    if (out.parts.length === 0) return null;
  }
  return out.toText();
}

/** A macro sees only its arguments (Pebble pushes a local scope), never the template's variables. */
function callMacro(caller: RenderEnv, macro: MacroDefinition, positional: unknown[], named: Map<string, unknown>): string {
  const env = newEnv(caller.template, null, caller.library, caller.budget);
  env.root = caller.root;
  const scope = env.scope;
  env.budget.enter();
  try {
    scope.push(true);
    macro.params.forEach((p, i) => {
      if (i < positional.length) scope.put(p.name, positional[i]);
      else if (named.has(p.name)) scope.put(p.name, named.get(p.name));
      else scope.put(p.name, p.defaultValue ? evaluate(p.defaultValue, env) : null);
    });
    return renderToString(macro.body, env);
  } finally {
    env.budget.leave();
  }
}
