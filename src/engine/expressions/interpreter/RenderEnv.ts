import type { Filter } from '../filters/Filter';
import type { RenderBudget } from '../RenderBudget';
import type { MacroDefinition, ParsedTemplate } from '../pebble/templateAst';
import type { ScopeChain } from './ScopeChain';

/** What a function sees as `this`: the context the outermost template renders with. */
export interface FunctionThis {
  ctx: Record<string, unknown>;
}

export type PebbleFunction = (this: FunctionThis, ...args: unknown[]) => unknown;
export type PebbleTest = (value: unknown, ...args: unknown[]) => boolean;

/** The filters, functions and tests a template can call, by name (Maps: no prototype to reach). */
export interface Library {
  filters: ReadonlyMap<string, Filter>;
  functions: ReadonlyMap<string, PebbleFunction>;
  tests: ReadonlyMap<string, PebbleTest>;
}

/** Everything the interpreter needs while it walks one template. */
export interface RenderEnv {
  scope: ScopeChain;
  root: Record<string, unknown>;
  template: ParsedTemplate;
  budget: RenderBudget;
  library: Library;
  /** `{% autoescape %}` strategy in force, or false. */
  escape: string | false;
  /** What the expression interpreter calls back into the template renderer for (see renderNodes.ts). */
  renderer: TemplateRenderer;
}

export interface TemplateRenderer {
  /** Renders a macro's body with its arguments. */
  callMacro(env: RenderEnv, macro: MacroDefinition, positional: unknown[], named: Map<string, unknown>): string;
  /** `block('name')`: renders a block of the template again. */
  renderBlock(env: RenderEnv, name: string): string;
}
