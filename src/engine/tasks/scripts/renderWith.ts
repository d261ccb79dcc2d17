import type { TaskContext } from '../../runtime/TaskContext';
import type { EngineServices } from '../../runtime/EngineServices';
import { Pebble } from '../../expressions/Pebble';
import { expressionServices } from '../../runtime/expressionServices';

const engines = new WeakMap<EngineServices, Pebble>();

/**
 * Renders a task's properties with variables the task adds itself, as
 * Kestra's script and DuckDB tasks add `workingDir` (and DuckDB's
 * `outputFiles`) to the context their properties are rendered with.
 * Same interpreter and budgets as ctx.render.
 */
export function renderWith(ctx: TaskContext, extra: Record<string, unknown>): { render: (t: string) => string; renderValue: <T>(v: T) => T } {
  let pebble = engines.get(ctx.services);
  if (!pebble) {
    pebble = new Pebble(expressionServices(ctx.services));
    engines.set(ctx.services, pebble);
  }
  const vars = () => ({ ...ctx.variables(), ...extra });
  const p = pebble;
  return { render: (t) => p.render(t, vars()), renderValue: (v) => p.renderValue(v, vars()) };
}
