import type { TaskDefinition } from '../TaskDefinition';
import { runScriptTask } from '../../shell/runScriptTask';
import { SCRIPT_PROPERTIES } from './scriptProperties';

const lines = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** io.kestra.plugin.scripts.shell.Script: beforeCommands, then the inline `script`, run by the browser shell. */
export const ShellScript: TaskDefinition = {
  type: 'io.kestra.plugin.scripts.shell.Script',
  properties: { ...SCRIPT_PROPERTIES, script: { kind: 'string', required: true } },
  async run(ctx) {
    const script = [...lines(ctx.task.beforeCommands), String(ctx.task.script ?? '')].map((c) => ctx.render(c)).join('\n');
    return runScriptTask(ctx, script);
  },
};
