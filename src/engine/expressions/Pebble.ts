import nunjucks from 'nunjucks';
import { ExpressionError, Missing, UndefinedError } from './Missing';
import { allowCall, installSandbox, stringify } from './sandboxRuntime';
import { FILTERS } from './filters';
import { createFunctions, type FunctionServices } from './functions';
import { OPERATOR_HELPERS } from './operatorHelpers';
import { PebbleSyntaxError } from './pebble/tokenize';
import { preprocess } from './preprocess';

export type ExpressionContext = Record<string, unknown>;

const RENDER_LIMIT = 100;

/**
 * Kestra's expression language (Pebble) on top of nunjucks: templates are
 * re-parsed with Pebble's grammar and translated (pebble/), lookups are
 * strict, nothing is autoescaped, lists/maps print as JSON, `render()`
 * renders recursively, and a sandbox keeps templates away from JavaScript.
 */
export class Pebble {
  private readonly env: nunjucks.Environment;
  private readonly cache = new Map<string, nunjucks.Template>();

  constructor(services: FunctionServices = {}) {
    installSandbox();
    this.env = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: false });
    const env = this.env as unknown as { globals: Record<string, unknown>; filters: Record<string, unknown>; tests: Record<string, unknown> };
    // nunjucks' own globals (range, cycler, joiner), filters and tests are not Pebble's: remove them all
    for (const k of Object.keys(env.globals)) delete env.globals[k];
    for (const k of Object.keys(env.filters)) delete env.filters[k];
    for (const k of Object.keys(env.tests)) delete env.tests[k];
    for (const [name, fn] of Object.entries(FILTERS)) this.env.addFilter(name, fn as (...a: unknown[]) => unknown);
    const functions: Record<string, unknown> = Object.create(null);
    for (const [name, fn] of Object.entries(createFunctions(this, services))) functions[name] = allowCall(fn);
    this.env.addGlobal('__fn', functions);
    for (const [name, fn] of Object.entries(OPERATOR_HELPERS)) this.env.addGlobal(name, allowCall(fn));
  }

  /** Renders one template string once. Strings without `{{`/`{%` come back untouched. */
  render(template: string, context: ExpressionContext): string {
    if (!hasTemplate(template)) return template;
    const compiled = this.compile(template);
    try {
      return compiled.render(context);
    } catch (e) {
      throw toExpressionError(e, template);
    }
  }

  /** `render()`: renders again until the result stops changing (at most 100 passes). */
  renderRecursive(template: string, context: ExpressionContext): string {
    let current = template;
    for (let i = 0; i < RENDER_LIMIT; i++) {
      const next = this.render(current, context);
      if (next === current) return next;
      current = next;
    }
    throw new ExpressionError(`render() gave up after ${RENDER_LIMIT} passes: the expression keeps producing new expressions`);
  }

  /** Renders every string inside a value (lists and maps are walked, keys too). */
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

  /** Checks a template's syntax without rendering it; null when it is fine. See also checkTemplate(). */
  check(template: string): string | null {
    if (!hasTemplate(template)) return null;
    try {
      this.compile(template);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  private compile(template: string): nunjucks.Template {
    let compiled = this.cache.get(template);
    if (compiled) return compiled;
    try {
      compiled = nunjucks.compile(preprocess(template), this.env);
      // force compilation now so syntax errors surface here
      (compiled as unknown as { compile(): void }).compile();
    } catch (e) {
      throw toExpressionError(e, template);
    }
    if (this.cache.size > 2000) this.cache.clear();
    this.cache.set(template, compiled);
    return compiled;
  }
}

function hasTemplate(s: string): boolean {
  return s.includes('{{') || s.includes('{%') || s.includes('{#');
}

function unwrap(e: unknown): unknown {
  // nunjucks wraps errors thrown inside templates in its own Template render error
  let cur = e as { cause?: unknown } | undefined;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    if (cur instanceof ExpressionError) return cur;
    cur = cur.cause as { cause?: unknown } | undefined;
  }
  return e;
}

function toExpressionError(e: unknown, template: string): ExpressionError {
  const inner = unwrap(e);
  const short = template.length > 200 ? template.slice(0, 200) + '…' : template;
  if (inner instanceof UndefinedError) {
    return new ExpressionError(`Unable to find \`${inner.variable}\` used in the expression \`${short}\``);
  }
  if (inner instanceof PebbleSyntaxError) {
    return new ExpressionError(`${inner.message} at offset ${inner.offset} of \`${short}\``);
  }
  let message: string;
  if (inner instanceof ExpressionError) {
    message = inner.message;
  } else {
    const raw = inner instanceof Error ? inner.message : String(inner);
    // nunjucks wraps errors as "(unknown path) [Line 1, Column 3]\n  Error: msg"
    const cleaned = raw
      .replace(/^\(unknown path\)\s*(\[Line \d+, Column \d+\])?\s*/s, '')
      .replace(/^\s*(Template render error:|Error:)\s*/m, '')
      .replace(/^(ExpressionError|UndefinedError|Error|TypeError|RangeError):\s*/, '')
      .trim();
    message = cleaned || raw;
    const undefinedMatch = /^Unable to find `([^`]*)` used in the expression$/.exec(message);
    if (undefinedMatch) return new ExpressionError(`Unable to find \`${undefinedMatch[1]}\` used in the expression \`${short}\``);
  }
  if (message.includes(short)) return new ExpressionError(message);
  return new ExpressionError(`${message} in \`${short}\``);
}

export { stringify, Missing, ExpressionError };
