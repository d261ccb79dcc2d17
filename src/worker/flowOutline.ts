import type { Flow, TaskSpec } from '../engine';
import type { FlowOutline } from './protocol';

/** Inputs, variable names and every task (nested ones too) of a parsed flow, for completion and the inputs form. */
export function flowOutline(flow: Flow | null): FlowOutline | null {
  if (!flow) return null;
  const tasks: { id: string; type: string }[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const t = value as TaskSpec;
    if (typeof t.id === 'string' && typeof t.type === 'string') tasks.push({ id: t.id, type: t.type });
    for (const [k, v] of Object.entries(t)) if (k !== 'id' && k !== 'type' && typeof v === 'object') visit(v);
  };
  visit(flow.tasks);
  visit(flow.errors);
  visit(flow.finally);
  return {
    id: typeof flow.id === 'string' ? flow.id : null,
    namespace: typeof flow.namespace === 'string' ? flow.namespace : null,
    inputs: Array.isArray(flow.inputs) ? (flow.inputs.filter((i) => i && typeof i === 'object') as unknown as Record<string, unknown>[]) : [],
    variables: flow.variables && typeof flow.variables === 'object' ? Object.keys(flow.variables) : [],
    tasks,
  };
}
