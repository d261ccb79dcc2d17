import type { Flow } from '../flow/Flow';

/**
 * Flow-level `outputs: [{id, type, value}]`, rendered once the execution
 * succeeded; an output that cannot be rendered fails the execution.
 */
export function renderFlowOutputs(flow: Flow, renderValue: (v: unknown) => unknown): { outputs?: Record<string, unknown> } | { error: string } {
  const specs = flow.outputs;
  if (!Array.isArray(specs) || !specs.length) return {};
  const out: Record<string, unknown> = {};
  for (const spec of specs as { id?: unknown; value?: unknown }[]) {
    if (!spec || typeof spec.id !== 'string') continue;
    try {
      out[spec.id] = renderValue(spec.value);
    } catch (e) {
      return { error: `Unable to render the flow output \`${spec.id}\`: ${(e as Error).message}` };
    }
  }
  return { outputs: out };
}

/**
 * The flow's variables as `render()` would give them at the end of the run,
 * for the Overview (Kestra itself never renders them by itself); a variable
 * that cannot be rendered shows why. Null when the flow has none.
 */
export function renderFlowVariables(flow: Flow, renderRecursive: (t: string) => string): Record<string, string> | null {
  const vars = flow.variables;
  if (!vars || typeof vars !== 'object' || !Object.keys(vars).length) return null;
  const rendered: Record<string, string> = {};
  for (const [name, value] of Object.entries(vars)) {
    try {
      rendered[name] = typeof value === 'string' ? renderRecursive(value) : JSON.stringify(value);
    } catch (e) {
      rendered[name] = `⚠ ${(e as Error).message}`;
    }
  }
  return rendered;
}
