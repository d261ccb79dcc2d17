import type { TaskDefinition } from '../TaskDefinition';
import { PYTHON_PROPERTIES } from './pythonProperties';
import { runPythonTask } from './runPythonTask';

const lines = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * io.kestra.plugin.scripts.python.Commands: `beforeCommands` then `commands`,
 * each a `python …` (file, `-c`, `-m`) or `pip install …` line, on Pyodide.
 */
export const PythonCommands: TaskDefinition = {
  type: 'io.kestra.plugin.scripts.python.Commands',
  properties: { ...PYTHON_PROPERTIES, commands: { kind: 'string-or-list', required: true } },
  async run(ctx) {
    return runPythonTask(ctx, (render) => ({
      lines: [...lines(ctx.task.beforeCommands), ...lines(ctx.task.commands)].map(render),
      commands: [],
      files: new Map(),
    }));
  },
};
