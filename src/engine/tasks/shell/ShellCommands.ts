import type { TaskDefinition } from '../TaskDefinition';
import { runScriptTask } from '../../shell/runScriptTask';
import { SCRIPT_PROPERTIES } from './scriptProperties';

const lines = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** io.kestra.plugin.scripts.shell.Commands: beforeCommands then commands, one script, run by the browser shell. */
export const ShellCommands: TaskDefinition = {
  type: 'io.kestra.plugin.scripts.shell.Commands',
  properties: { ...SCRIPT_PROPERTIES, commands: { kind: 'string-or-list', required: true } },
  async run(ctx) {
    const script = [...lines(ctx.task.beforeCommands), ...lines(ctx.task.commands)].map((c) => ctx.render(c)).join('\n');
    return runScriptTask(ctx, script);
  },
};
