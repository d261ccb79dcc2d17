import type { RenderContext } from '../context/RenderContext';
import type { Expr } from '../jinja/ast';
import { parseExpressionSource, parseTemplate } from '../jinja/parser';
import { Scope } from '../jinja/interpreter';
import { fromPlain } from '../jinja/values';

/** Evaluates a Python literal (`[1, 2]`, `'a'`, `{'k': None}`, `-3`); undefined when the text is not one. */
export function literalEval(text: string): unknown {
  // Python's literal_eval knows True/False/None only (Jinja's true/false/none are names there)
  if (/\b(true|false|none)\b/.test(text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, ''))) return undefined;
  let expr: Expr;
  try {
    expr = parseExpressionSource(text);
  } catch {
    return undefined;
  }
  const ev = (e: Expr): unknown => {
    switch (e.type) {
      case 'literal':
        return e.value;
      case 'list':
      case 'tuple':
        return e.items.map(ev);
      case 'dict': {
        const m = new Map<unknown, unknown>();
        for (const [k, v] of e.entries) m.set(ev(k), ev(v));
        return m;
      }
      case 'unary':
        if (e.op === '-') {
          const v = ev(e.operand);
          if (typeof v === 'number') return -v;
        }
        throw new Error('not a literal');
      default:
        throw new Error('not a literal');
    }
  };
  try {
    return ev(expr);
  } catch {
    return undefined;
  }
}

/**
 * dbt's native rendering (NativeSandboxEnvironment), used for test arguments
 * and config values in YAML: a string that is one `{{ expression }}` gives the
 * expression's value (a list stays a list, a relation a relation); other
 * templates give their text, read back as a Python literal when it is one.
 * Lists and dicts are rendered item by item.
 */
export async function renderNative(value: unknown, ctx: RenderContext): Promise<unknown> {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) out.push(await renderNative(v, ctx));
    return out;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Map)) {
    const m = new Map<unknown, unknown>();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) m.set(k, await renderNative(v, ctx));
    return m;
  }
  if (typeof value !== 'string') return fromPlain(value);
  if (!value.includes('{{') && !value.includes('{%')) return value;
  const template = parseTemplate(value);
  const nodes = template.body.filter((n) => !(n.type === 'text' && n.text.trim() === ''));
  if (nodes.length === 1 && nodes[0].type === 'output') {
    const v = await ctx.runtime.interp.evaluate(nodes[0].expr, new Scope(null), ctx.env);
    if (typeof v === 'string') {
      const lit = literalEval(v);
      return lit === undefined ? v : lit;
    }
    return v;
  }
  const text = await ctx.render(template);
  const lit = literalEval(text);
  return lit === undefined ? text : lit;
}

const LOOKS_LIKE_FUNCTION = /^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$/s;

/**
 * dbt's add_rendered_test_kwargs: a generic test's arguments rendered
 * natively, item by item; a string like `ref('x')` is taken as `{{ ref('x') }}`,
 * and the top-level `column_name` stays text.
 */
export async function renderTestKwargs(kwargs: Record<string, unknown>, ctx: RenderContext): Promise<Map<unknown, unknown>> {
  const walk = async (v: unknown, top: string | null): Promise<unknown> => {
    if (typeof v === 'string') {
      if (top === 'column_name') return v;
      return renderNative(LOOKS_LIKE_FUNCTION.test(v) ? `{{ ${v} }}` : v, ctx);
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) out.push(await walk(x, null));
      return out;
    }
    if (v !== null && typeof v === 'object' && !(v instanceof Map)) {
      const m = new Map<unknown, unknown>();
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, await walk(x, null));
      return m;
    }
    return fromPlain(v);
  };
  const out = new Map<unknown, unknown>();
  for (const [k, v] of Object.entries(kwargs)) out.set(k, await walk(v, k));
  return out;
}
