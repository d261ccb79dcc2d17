import type { TaskDefinition } from '../TaskDefinition';
import { ShellCommands } from './ShellCommands';
import { ShellScript } from './ShellScript';

/** The io.kestra.plugin.scripts.shell tasks, run by the browser shell. */
export const SHELL_TASKS: TaskDefinition[] = [ShellCommands, ShellScript];
