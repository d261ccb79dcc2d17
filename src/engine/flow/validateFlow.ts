import type { Flow, TaskSpec } from './Flow';
import { formatPath, type FlowError, type FlowPath } from './FlowError';
import { taskDefinition, TASK_TYPES } from '../tasks/registry';
import type { PropertySpec } from '../tasks/TaskDefinition';
import { closest } from './closest';

type Locate = (path: FlowPath) => { line: number; column: number };

/** Kestra's id pattern for flows and tasks (Flow.java / Task.java). */
export const ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
/** Namespaces: dot-separated ids. */
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const COMMON_TASK_PROPERTIES: Record<string, PropertySpec> = {
  id: { kind: 'string', required: true },
  type: { kind: 'string', required: true },
  description: { kind: 'string' },
  disabled: { kind: 'boolean' },
  runIf: { kind: 'string' },
  allowFailure: { kind: 'boolean' },
  allowWarning: { kind: 'boolean' },
  timeout: { kind: 'duration' },
  retry: { kind: 'map' },
  logLevel: { kind: 'string' },
  logToFile: { kind: 'boolean' },
  workerGroup: { kind: 'map' },
};

/** Checks a parsed flow against Kestra's rules; returns every problem found. */
export function validateFlow(flow: Flow, locate: Locate): FlowError[] {
  const errors: FlowError[] = [];
  const add = (code: string, path: FlowPath, message: string) => {
    const { line, column } = locate(path);
    errors.push({ code, message, line, column, path: formatPath(path) });
  };

  for (const key of ['id', 'namespace'] as const) {
    const v = flow[key];
    if (v === undefined || v === null || v === '') add('required', [], `Missing required property \`${key}\``);
    else if (typeof v !== 'string') add('type', [key], `\`${key}\` must be a string`);
  }
  if (typeof flow.id === 'string' && !ID_PATTERN.test(flow.id)) {
    add('id-pattern', ['id'], `Flow id \`${flow.id}\` must match ${ID_PATTERN.source}: letters, digits, \`_\` and \`-\`, not starting with \`_\` or \`-\``);
  }
  if (typeof flow.namespace === 'string' && !NAMESPACE_PATTERN.test(flow.namespace)) {
    add('id-pattern', ['namespace'], `Namespace \`${flow.namespace}\` must be lowercase letters, digits, \`.\`, \`_\` and \`-\``);
  }
  if (flow.tasks === undefined || flow.tasks === null) add('required', [], 'Missing required property `tasks`');
  else if (!Array.isArray(flow.tasks)) add('type', ['tasks'], '`tasks` must be a list of tasks');
  else if (flow.tasks.length === 0) add('required', ['tasks'], '`tasks` must contain at least one task');

  const seen = new Map<string, string>();
  const visitList = (list: unknown, path: FlowPath) => {
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) {
      add('type', path, `\`${formatPath(path)}\` must be a list of tasks`);
      return;
    }
    list.forEach((t, i) => visitTask(t, [...path, i]));
  };
  const visitTask = (t: unknown, path: FlowPath) => {
    if (!t || typeof t !== 'object' || Array.isArray(t)) {
      add('type', path, 'A task must be a map with `id` and `type`');
      return;
    }
    const task = t as TaskSpec;
    if (task.id === undefined) add('required', path, 'Missing required property `id`');
    else if (typeof task.id !== 'string' || !ID_PATTERN.test(task.id)) {
      add('id-pattern', [...path, 'id'], `Task id \`${String(task.id)}\` must match ${ID_PATTERN.source}`);
    } else {
      const prev = seen.get(task.id);
      if (prev) add('duplicate-id', [...path, 'id'], `Duplicate task id \`${task.id}\` (also used at ${prev})`);
      else seen.set(task.id, formatPath(path));
    }
    if (task.type === undefined) {
      add('required', path, 'Missing required property `type`');
      return;
    }
    if (typeof task.type !== 'string') {
      add('type', [...path, 'type'], '`type` must be a string');
      return;
    }
    const def = taskDefinition(task.type);
    if (!def) {
      const hint = closest(task.type, TASK_TYPES);
      add('unknown-task', [...path, 'type'], `Unknown task type \`${task.type}\`${hint ? `; did you mean \`${hint}\`?` : ''}`);
      return;
    }
    const specs = { ...COMMON_TASK_PROPERTIES, ...def.properties };
    for (const [name, spec] of Object.entries(specs)) {
      const value = task[name];
      if (value === undefined || value === null) {
        if (spec.required) add('required', path, `Missing required property \`${name}\` for task \`${task.id}\` (${def.type})`);
        continue;
      }
      const problem = kindProblem(value, spec);
      if (problem) add('type', [...path, name], `\`${name}\` ${problem}`);
    }
    for (const b of def.branches?.(task) ?? []) visitList(b.tasks, [...path, ...b.path]);
  };

  visitList(flow.tasks, ['tasks']);
  visitList(flow.errors, ['errors']);
  visitList(flow.finally, ['finally']);
  return errors;
}

function kindProblem(value: unknown, spec: PropertySpec): string | null {
  const isExpr = typeof value === 'string' && value.includes('{{');
  switch (spec.kind) {
    case 'string':
      if (typeof value === 'object') return 'must be a string';
      if (spec.values && typeof value === 'string' && !isExpr && !spec.values.includes(value)) {
        return `must be one of ${spec.values.join(', ')} (got \`${value}\`)`;
      }
      return null;
    case 'number':
      return typeof value === 'number' || isExpr ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' || isExpr ? null : 'must be true or false';
    case 'list':
    case 'tasks':
      return Array.isArray(value) || isExpr ? null : 'must be a list';
    case 'map':
      return (value && typeof value === 'object' && !Array.isArray(value)) || isExpr ? null : 'must be a map';
    case 'string-or-list':
      return typeof value !== 'object' || Array.isArray(value) ? null : 'must be a string or a list of strings';
    case 'duration':
      return typeof value === 'string' && (/^-?P/i.test(value) || isExpr) ? null : 'must be an ISO-8601 duration such as PT30S';
    default:
      return null;
  }
}
