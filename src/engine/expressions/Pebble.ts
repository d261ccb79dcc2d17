import nunjucks from 'nunjucks';
import { ExpressionError, Missing } from './Missing';
import { allowCall, installSandbox, stringify } from './sandboxRuntime';
import { FILTERS } from './filters';
import { createFunctions, type FunctionServices } from './functions';
import { preprocess } from './preprocess';

export type ExpressionContext = Record<string, unknown>;

/**
 * Kestra's expression language (Pebble) on top of nunjucks: strict lookups,
 * no autoescape, lists/maps printed as JSON, `render()` for recursive
 * rendering, and a sandbox that keeps templates away from JavaScript.
 */
export class Pebble {
  private readonly env: nunjucks.Environment;
  private readonly cache = new Map<string, nunjucks.Template>();

  constructor(services: FunctionServices = {}) {
    installSandbox();
    this.env = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: false });
    const globals = (this.env as unknown as { globals: Record<string, unknown> }).globals;
    for (const k of Object.keys(globals)) delete globals[k];
    for (const [name, fn] of Object.entries(FILTERS)) this.env.addFilter(name, fn as (...a: unknown[]) => unknown);
    const fns = createFunctions(this, services);
    for (const [name, fn] of Object.entries(fns)) this.env.addGlobal(name, allowCall(fn));
  }

  /** Renders one template string once. Strings without `{{`/`{%` come back untouched. */
  render(template: string, context: ExpressionContext): string {
    if (!template.includes('{{') && !template.includes('{%')) return template;
    let compiled = this.cache.get(template);
    if (!compiled) {
      try {
        compiled = nunjucks.compile(preprocess(template), this.env);
        // force compilation now so syntax errors surface here
        (compiled as unknown as { compile(): void }).compile();
      } catch (e) {
        throw toExpressionError(e, template);
      }
      this.cache.set(template, compiled);
    }
    try {
      return compiled.render(context);
    } catch (e) {
      throw toExpressionError(e, template);
    }
  }

  /** `render()`: renders again until the result stops changing (at most 100 passes). */
  renderRecursive(template: string, context: ExpressionContext): string {
    let current = template;
    for (let i = 0; i < 100; i++) {
      const next = this.render(current, context);
      if (next === current) return next;
      current = next;
    }
    throw new ExpressionError('render() gave up after 100 passes: the expression keeps producing new expressions');
  }

  /** Renders every string inside a value (lists and maps are walked). */
  renderValue<T>(value: T, context: ExpressionContext): T {
    if (typeof value === 'string') return this.render(value, context) as T;
    if (Array.isArray(value)) return value.map((v) => this.renderValue(v, context)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.render(k, context)] = this.renderValue(v, context);
      return out as T;
    }
    return value;
  }

  /** Checks a template's syntax without rendering it. */
  check(template: string): string | null {
    if (!template.includes('{{') && !template.includes('{%')) return null;
    try {
      const t = nunjucks.compile(preprocess(template), this.env);
      (t as unknown as { compile(): void }).compile();
      return null;
    } catch (e) {
      return toExpressionError(e, template).message;
    }
  }
}

function toExpressionError(e: unknown, template: string): ExpressionError {
  if (e instanceof ExpressionError) return withTemplate(e.message, template);
  const raw = e instanceof Error ? e.message : String(e);
  // nunjucks wraps errors as "(unknown path) [Line 1, Column 3]\n  Error: msg"
  const inner = raw.replace(/^\(unknown path\)\s*(\[Line \d+, Column \d+\])?\s*/s, '').replace(/^\s*(Template render error:|Error:)\s*/m, '').trim();
  const cleaned = inner.replace(/^(ExpressionError|Error|TypeError):\s*/, '');
  return withTemplate(cleaned || raw, template);
}

function withTemplate(message: string, template: string): ExpressionError {
  const short = template.length > 200 ? template.slice(0, 200) + '…' : template;
  if (message.includes(short)) return new ExpressionError(message);
  return new ExpressionError(`${message} in \`${short}\``);
}

export { stringify, Missing, ExpressionError };
