import type { TaskDefinition } from '../TaskDefinition';
import { PythonCommands } from './PythonCommands';
import { PythonScript } from './PythonScript';

/** The io.kestra.plugin.scripts.python tasks, run on Pyodide. */
export const PYTHON_TASKS: TaskDefinition[] = [PythonScript, PythonCommands];
