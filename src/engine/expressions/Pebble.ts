import { ExpressionError, UndefinedError } from './ExpressionError';
import { FILTERS } from './filters';
import { createFunctions, type FunctionServices } from './functions';
import { renderTemplate } from './interpreter/renderNodes';
import type { Library, PebbleFunction } from './interpreter/RenderEnv';
import { PEBBLE_TESTS } from './pebbleTests';
import { parseTemplate } from './pebble/parseTemplate';
import { protectRaw, restoreRaw, stripRaw } from './pebble/rawBlocks';
import type { ParsedTemplate } from './pebble/templateAst';
import { PebbleSyntaxError } from './pebble/tokenize';
import { DEFAULT_LIMITS, RenderBudget, type RenderLimits } from './RenderBudget';
import { stringify } from './values';
import { VOCABULARY } from './vocabulary';

export type ExpressionContext = Record<string, unknown>;

/** Kestra's VariableRenderer.MAX_RENDERING_AMOUNT. */
const MAX_RENDERING_AMOUNT = 100;
const CACHE_SIZE = 2000;

export interface PebbleOptions {
  limits?: RenderLimits;
  /** Checked while a template renders: a reason to stop (a timeout, a kill), or null. */
  interrupt?: () => string | null;
}

interface Parsed {
  template: ParsedTemplate;
  raw: string[];
}

/**
 * Kestra's expression language (Pebble). A template is parsed into a tree
 * (pebble/parseTemplate.ts) and that tree is walked by our own interpreter
 * (interpreter/): no template text ever becomes JavaScript. Lookups are
 * strict, nothing is autoescaped, lists and maps print as JSON, `render()`
 * renders again until nothing changes, and every render runs on a budget of
 * steps, characters and depth (RenderBudget.ts).
 */
export class Pebble {
  private readonly cache = new Map<string, Parsed>();
  private readonly library: Library;
  private active: RenderBudget | null = null;

  constructor(services: FunctionServices = {}, private readonly options: PebbleOptions = {}) {
    const functions = new Map<string, PebbleFunction>();
    for (const [name, fn] of Object.entries(createFunctions(this, services))) functions.set(name, fn as PebbleFunction);
    this.library = {
      filters: new Map(Object.entries(FILTERS)),
      functions,
      tests: new Map(Object.entries(PEBBLE_TESTS)),
    };
  }

  /** The budget of the render in progress (functions such as `range()` count against it). */
  get budget(): RenderBudget | undefined {
    return this.active ?? undefined;
  }

  /** Renders a template once, as Kestra renders a task property. Strings without `{{`/`{%`/`{#` come back untouched. */
  render(template: string, context: ExpressionContext): string {
    if (!hasTemplate(template)) return template;
    return stripRaw(this.withBudget(template, () => this.renderOnce(template, context)));
  }

  /** The `render()` function: renders again until the result stops changing (Kestra's renderRecursively). */
  renderRecursive(template: string, context: ExpressionContext): string {
    if (!hasTemplate(template)) return template;
    return stripRaw(
      this.withBudget(template, () => {
        let current = template;
        for (let i = 0; i <= MAX_RENDERING_AMOUNT; i++) {
          const next = this.renderOnce(current, context);
          if (next === current) return next;
          current = next;
        }
        throw new ExpressionError(`Too many rendering attempts: render() gave up after ${MAX_RENDERING_AMOUNT} passes, the expression keeps producing new expressions`);
      }),
    );
  }

  /**
   * Kestra's renderTyped: a template that is a single `{{ expression }}`
   * gives that value with its type (a map stays a map); anything else, text.
   */
  renderTyped(template: string, context: ExpressionContext): unknown {
    if (!hasTemplate(template)) return template;
    return this.withBudget(template, (budget) => {
      const parsed = this.parse(template);
      const value = renderTemplate(parsed.template, context, this.library, budget, true);
      return typeof value === 'string' ? stripRaw(restoreRaw(value, parsed.raw)) : value;
    });
  }

  /** Renders every string inside a value (lists and maps are walked, keys too). */
  renderValue<T>(value: T, context: ExpressionContext): T {
    if (typeof value === 'string') return this.render(value, context) as T;
    if (Array.isArray(value)) return value.map((v) => this.renderValue(v, context)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        Object.defineProperty(out, this.render(k, context), { value: this.renderValue(v, context), enumerable: true, writable: true, configurable: true });
      }
      return out as T;
    }
    return value;
  }

  /** `render()` of a list or map renders the strings inside it, as Kestra's renderObject does. */
  renderObject(value: unknown, context: ExpressionContext, recursive: boolean): unknown {
    if (typeof value === 'string') return recursive ? this.renderRecursive(value, context) : this.render(value, context);
    if (Array.isArray(value)) return value.map((v) => this.renderObject(v, context, recursive));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        Object.defineProperty(out, this.render(k, context), { value: this.renderObject(v, context, recursive), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value ?? null;
  }

  /** Checks a template's syntax without rendering it; null when it is fine. See also checkTemplate(). */
  check(template: string): string | null {
    if (!hasTemplate(template)) return null;
    try {
      this.parse(template);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  private renderOnce(template: string, context: ExpressionContext): string {
    const parsed = this.parse(template);
    const out = renderTemplate(parsed.template, context, this.library, this.active!);
    return restoreRaw(out as string, parsed.raw);
  }

  private parse(template: string): Parsed {
    const cached = this.cache.get(template);
    if (cached) return cached;
    const { text, blocks } = protectRaw(template);
    const result = parseTemplate(text, VOCABULARY);
    if (result.errors.length) throw located(result.errors[0], template);
    const parsed = { template: result, raw: blocks };
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    this.cache.set(template, parsed);
    return parsed;
  }

  /** Runs one render on the budget in force, or a new one; errors name the template. */
  private withBudget<T>(template: string, work: (budget: RenderBudget) => T): T {
    const outer = this.active;
    const budget = outer ?? new RenderBudget(this.options.limits ?? DEFAULT_LIMITS, this.options.interrupt);
    if (outer) budget.enter();
    this.active = budget;
    try {
      return work(budget);
    } catch (e) {
      throw toExpressionError(e, template);
    } finally {
      if (outer) budget.leave();
      this.active = outer;
    }
  }
}

function hasTemplate(s: string): boolean {
  return s.includes('{{') || s.includes('{%') || s.includes('{#');
}

function excerpt(template: string): string {
  return template.length > 200 ? template.slice(0, 200) + '…' : template;
}

function lineAt(template: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < template.length; i++) if (template[i] === '\n') line++;
  return line;
}

function located(e: PebbleSyntaxError, template: string): PebbleSyntaxError {
  return new PebbleSyntaxError(`${e.message} at line ${lineAt(template, e.offset)}, offset ${e.offset} of \`${excerpt(template)}\``, e.offset);
}

function toExpressionError(e: unknown, template: string): ExpressionError {
  const short = excerpt(template);
  if (e instanceof UndefinedError) return new ExpressionError(`Unable to find \`${e.variable}\` used in the expression \`${short}\``);
  if (e instanceof ExpressionError) {
    if (e.message.includes(short)) return e instanceof PebbleSyntaxError ? e : new ExpressionError(e.message);
    return new ExpressionError(`${e.message} in \`${short}\``);
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new ExpressionError(`The expression is nested too deeply to render in \`${short}\``);
  const message = e instanceof Error ? e.message : String(e);
  return new ExpressionError(`${message} in \`${short}\``);
}

export { stringify, ExpressionError };
