import type { TaskDefinition } from './TaskDefinition';

/**
 * io.kestra.plugin.core.execution.SetVariables (Kestra 0.23+): adds execution
 * variables, read as `vars.*` by the tasks after it; `overwrite` (default
 * true) false fails on a name that exists. Kestra 0.20 has no such task.
 */
export const SetVariables: TaskDefinition = {
  type: 'io.kestra.plugin.core.execution.SetVariables',
  strictProperties: true,
  properties: { variables: { kind: 'map', required: true }, overwrite: { kind: 'boolean' } },
  async run(ctx) {
    const values = ctx.renderValue(ctx.task.variables) as Record<string, unknown>;
    if (!values || typeof values !== 'object' || Array.isArray(values)) throw new Error('SetVariables: `variables` must be a map');
    const overwrite = String(ctx.renderValue(ctx.task.overwrite ?? true)) !== 'false';
    ctx.setVariables(values, overwrite);
  },
};
