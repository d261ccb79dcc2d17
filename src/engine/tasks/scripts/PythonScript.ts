import type { TaskDefinition } from '../TaskDefinition';
import { pathHash } from './workingDirFiles';
import { PYTHON_PROPERTIES } from './pythonProperties';
import { runPythonTask } from './runPythonTask';

const lines = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * io.kestra.plugin.scripts.python.Script: the rendered `script` is written to
 * a `.py` file in the working directory and run with `python`, after
 * `beforeCommands` (`pip install …`), on Pyodide.
 */
export const PythonScript: TaskDefinition = {
  type: 'io.kestra.plugin.scripts.python.Script',
  properties: { ...PYTHON_PROPERTIES, script: { kind: 'string', required: true } },
  async run(ctx) {
    return runPythonTask(ctx, (render) => {
      const name = `${pathHash(ctx.taskRun.id)}.py`;
      return {
        lines: lines(ctx.task.beforeCommands).map(render),
        commands: [{ kind: 'file', path: name, argv: [] }],
        files: new Map([[name, new TextEncoder().encode(render(String(ctx.task.script ?? '')))]]),
      };
    });
  },
};
