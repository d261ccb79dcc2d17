import type { PluginDefault, TaskSpec } from './Flow';
import { formatPath, type FlowPath } from './FlowError';
import { taskDefinition, TASK_TYPES } from '../tasks/registry';
import type { PropertySpec } from '../tasks/TaskDefinition';
import { checkPropertyKind } from './checkPropertyKind';
import { ID_PATTERN, ID_MAX_LENGTH } from './idPatterns';
import { pluginDefaultNames } from './pluginDefaultNames';
import { isMapValue, show, type Problems } from './Problems';
import { validateRetry } from './validateRetry';

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** Properties every Kestra task accepts (Task.java). */
export const COMMON_TASK_PROPERTIES: Record<string, PropertySpec> = {
  id: { kind: 'string', required: true },
  type: { kind: 'string', required: true },
  version: { kind: 'string' },
  description: { kind: 'string' },
  disabled: { kind: 'boolean' },
  runIf: { kind: 'string' },
  allowFailure: { kind: 'boolean' },
  allowWarning: { kind: 'boolean' },
  timeout: { kind: 'duration' },
  retry: { kind: 'any' },
  logLevel: { kind: 'string', values: LOG_LEVELS, notRun: { en: 'every log line is kept, whatever its level', 'zh-TW': '所有日誌都會保留，不論層級' } },
  logToFile: { kind: 'boolean', notRun: { en: 'logs stay in the execution', 'zh-TW': '日誌會留在執行紀錄裡' } },
  workerGroup: { kind: 'map', notRun: { en: 'there is one worker here', 'zh-TW': '這裡只有一個 worker' } },
  taskCache: { kind: 'map', notRun: { en: 'every run runs the task again', 'zh-TW': '每次執行都會重新跑這個任務' } },
  pluginDefaultsRef: { kind: 'string' },
  assets: { kind: 'map' },
};

/**
 * Walks task lists (tasks, errors, finally and every flowable's branches):
 * task shape, id pattern, ids unique across the whole tree, known type
 * (with a suggestion), required properties (pluginDefaults may supply them),
 * property shapes, retry and timeout.
 */
export function validateTasks(
  lists: { list: unknown; path: FlowPath }[],
  pluginDefaults: PluginDefault[] | undefined,
  problems: Problems,
): void {
  const seen = new Map<string, string>();
  const defaultsOf = pluginDefaultNames(pluginDefaults);

  const visitList = (list: unknown, path: FlowPath) => {
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) {
      problems.add('type', path, { property: formatPath(path), expected: 'task-list' });
      return;
    }
    list.forEach((t, i) => visitTask(t, [...path, i]));
  };

  const visitTask = (t: unknown, path: FlowPath) => {
    if (!isMapValue(t)) {
      problems.add('type', path, { property: formatPath(path), expected: 'task-map', value: show(t) });
      return;
    }
    const task = t as TaskSpec;
    if (task.id === undefined || task.id === null) problems.add('required', path, { property: 'id', owner: 'task' }, 'map');
    else if (typeof task.id !== 'string' || !ID_PATTERN.test(task.id)) {
      problems.add('id-pattern', [...path, 'id'], { what: 'Task', id: show(task.id), allowed: '`_`, `-`' });
    } else if (task.id.length > ID_MAX_LENGTH.task) {
      problems.add('too-long', [...path, 'id'], { property: 'id', max: ID_MAX_LENGTH.task, length: task.id.length });
    } else {
      const first = seen.get(task.id);
      if (first) problems.add('duplicate-id', [...path, 'id'], { what: 'task', id: task.id, first });
      else seen.set(task.id, formatPath(path));
    }
    if (task.type === undefined || task.type === null) {
      problems.add('required', path, { property: 'type', owner: 'task' }, 'map');
      return;
    }
    if (typeof task.type !== 'string') {
      problems.add('type', [...path, 'type'], { property: 'type', expected: 'string', value: show(task.type) });
      return;
    }
    if (task.retry !== undefined && task.retry !== null) validateRetry(task.retry, [...path, 'retry'], problems);
    const def = taskDefinition(task.type);
    if (!def) {
      problems.add('unknown-task', [...path, 'type'], { type: task.type, suggestion: problems.suggest(task.type, TASK_TYPES) });
      return;
    }
    // Kestra enforces `timeout` on runnable tasks only (kestra-io/kestra#6739; Pause and WaitFor have their own)
    if (def.flowable && !def.ownTimeout && task.timeout !== undefined && task.timeout !== null) problems.warn('flowable-timeout', [...path, 'timeout'], { type: task.type }, 'key');
    const hasDefault = defaultsOf(task.type);
    const specs = { ...COMMON_TASK_PROPERTIES, ...def.properties };
    for (const [name, spec] of Object.entries(specs)) {
      if (name === 'id' || name === 'type') continue; // checked above
      const value = task[name];
      if (value === undefined || value === null) {
        if (spec.required && !hasDefault(name)) problems.add('required', path, { property: name, owner: 'task' }, 'map');
        continue;
      }
      // a property Kestra has and this engine does not run is never silently ignored
      if (spec.notRun) problems.warn('property-not-run', [...path, name], { property: name, why: spec.notRun.en, whyZh: spec.notRun['zh-TW'] }, 'key');
      const expected = checkPropertyKind(value, spec);
      if (expected) {
        problems.add('type', [...path, name], { property: name, expected, value: typeof value === 'object' ? undefined : show(value) });
      } else if (spec.values && typeof value === 'string' && !value.includes('{{') && !spec.values.includes(value)) {
        problems.add('enum', [...path, name], { property: name, allowed: spec.values.join(', '), value });
      }
    }
    if (def.strictProperties) {
      const known = Object.keys(specs);
      for (const key of Object.keys(task)) {
        if (!(key in specs)) problems.add('unknown-property', [...path, key], { property: key, owner: 'task', suggestion: problems.suggest(key, known) }, 'key');
      }
    }
    for (const b of def.branches?.(task) ?? []) visitList(b.tasks, [...path, ...b.path]);
  };

  for (const { list, path } of lists) visitList(list, path);
}
