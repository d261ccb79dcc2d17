import type { TaskDefinition } from './TaskDefinition';
import { Log } from './Log';

/** Every task type the engine runs, by Kestra type name. One file per task type. */
const DEFINITIONS: TaskDefinition[] = [Log];

export const TASKS: ReadonlyMap<string, TaskDefinition> = new Map(
  DEFINITIONS.flatMap((d) => [[d.type, d] as const, ...(d.aliases ?? []).map((a) => [a, d] as const)]),
);

export function taskDefinition(type: string): TaskDefinition | undefined {
  return TASKS.get(type);
}

/** Canonical type names, for suggestions and editor completion. */
export const TASK_TYPES: readonly string[] = DEFINITIONS.map((d) => d.type);
