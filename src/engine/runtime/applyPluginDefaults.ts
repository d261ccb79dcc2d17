import type { PluginDefault, TaskSpec } from '../flow/Flow';

/**
 * Kestra's pluginDefaults: a default applies when the task type equals its
 * `type` or starts with it (a package prefix). The task's own properties win
 * unless the default is `forced`.
 */
export function applyPluginDefaults(task: TaskSpec, defaults: PluginDefault[] | undefined): TaskSpec {
  if (!defaults?.length) return task;
  let merged: TaskSpec = task;
  for (const d of defaults) {
    if (!d || typeof d.type !== 'string' || !d.values) continue;
    if (!task.type.startsWith(d.type)) continue;
    merged = d.forced ? ({ ...merged, ...d.values, id: task.id, type: task.type } as TaskSpec) : ({ ...d.values, ...merged } as TaskSpec);
  }
  return merged;
}
