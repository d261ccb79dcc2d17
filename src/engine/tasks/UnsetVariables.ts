import type { TaskDefinition } from './TaskDefinition';

/**
 * io.kestra.plugin.core.execution.UnsetVariables (Kestra 0.23+): removes
 * execution variables; a missing one fails unless `ignoreMissing`.
 */
export const UnsetVariables: TaskDefinition = {
  type: 'io.kestra.plugin.core.execution.UnsetVariables',
  strictProperties: true,
  properties: { variables: { kind: 'list', required: true }, ignoreMissing: { kind: 'boolean' } },
  async run(ctx) {
    const names = (ctx.renderValue(ctx.task.variables) as unknown[]).map(String);
    const ignoreMissing = String(ctx.renderValue(ctx.task.ignoreMissing ?? false)) === 'true';
    const vars = ctx.variables().vars as Record<string, unknown>;
    const missing = names.filter((n) => !(n in vars));
    if (missing.length && !ignoreMissing) throw new Error(`Unable to unset the variable(s) ${missing.map((n) => `'${n}'`).join(', ')}: not found`);
    ctx.unsetVariables(names);
  },
};
