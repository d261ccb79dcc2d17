import type { TaskDefinition } from './TaskDefinition';

/** io.kestra.plugin.core.output.OutputValues: renders the `values` map into the output `values`. */
export const OutputValues: TaskDefinition = {
  type: 'io.kestra.plugin.core.output.OutputValues',
  strictProperties: true,
  properties: { values: { kind: 'map' } },
  async run(ctx) {
    return { values: ctx.renderValue((ctx.task.values ?? {}) as Record<string, unknown>) };
  },
};
