import type { MacroRegistry, NativeMacro } from '../context/MacroRegistry';
import type { Adapter } from '../context/Adapter';
import type { RenderContext } from '../context/RenderContext';
import { bindArgs, str, type CallArgs } from '../jinja/values';

/** Registers a TypeScript macro whose arguments bind like a Jinja macro's (positional, then keyword, with defaults). */
export function defineMacro(
  registry: MacroRegistry,
  pkg: string,
  name: string,
  params: string[],
  defaults: Record<string, unknown>,
  body: (a: Record<string, unknown>, ctx: RenderContext, call: CallArgs) => unknown | Promise<unknown>,
): void {
  const fn: NativeMacro = (call, ctx) => body(bindArgs(name, { args: call.args, kwargs: new Map([...call.kwargs].filter(([k]) => params.includes(k))) }, params, defaults), ctx, call);
  registry.addNative(pkg, name, fn, { args: params, file: `macros/${name}.sql` });
}

/** Calls `adapter.dispatch(name, namespace)(...args)` from a native macro. */
export async function dispatch(ctx: RenderContext, name: string, namespace: string | null, args: unknown[], kwargs = new Map<string, unknown>()): Promise<unknown> {
  const adapter = ctx.globals('adapter') as Adapter;
  const macro = adapter.dispatch(name, namespace);
  return ctx.runtime.interp.callValue(macro, { args, kwargs }, ctx.env, name);
}

/** A dbt macro whose body only dispatches: `name(...)` → `adapter.dispatch('name', ns)(...)`. */
export function defineDispatched(registry: MacroRegistry, pkg: string, name: string, params: string[], defaults: Record<string, unknown> = {}): void {
  defineMacro(registry, pkg, name, params, defaults, (a, ctx) => dispatch(ctx, name, pkg, params.map((p) => a[p])));
}

/** Strings of SQL a macro writes: `str()` of each value (relations render as "db"."schema"."name"). */
export const s = (v: unknown) => str(v);
