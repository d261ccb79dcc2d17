import type { FlowPath } from './FlowError';
import { closest } from './closest';
import { isMapValue, show, type Problems } from './Problems';

const SYSTEM_PREFIX = 'system.';

/** Flow `labels`: a map, or a list of `{key, value}`; no `system.` keys. */
export function validateLabels(labels: unknown, problems: Problems): void {
  if (labels === undefined || labels === null) return;
  if (Array.isArray(labels)) {
    labels.forEach((l, i) => {
      const path: FlowPath = ['labels', i];
      if (!isMapValue(l)) {
        problems.add('type', path, { property: `labels[${i}]`, expected: 'map-or-list', value: show(l) });
        return;
      }
      if (l.key === undefined || l.key === null) problems.add('required', path, { property: 'key', owner: 'label' }, 'map');
      else if (String(l.key).startsWith(SYSTEM_PREFIX)) problems.add('system-label', [...path, 'key'], { key: String(l.key) });
      if (l.value === undefined) problems.add('required', path, { property: 'value', owner: 'label' }, 'map');
      for (const key of Object.keys(l)) {
        if (key !== 'key' && key !== 'value') problems.add('unknown-property', [...path, key], { property: key, owner: 'label' }, 'key');
      }
    });
    return;
  }
  if (!isMapValue(labels)) {
    problems.add('type', ['labels'], { property: 'labels', expected: 'map-or-list', value: show(labels) });
    return;
  }
  for (const key of Object.keys(labels)) {
    if (key.startsWith(SYSTEM_PREFIX)) problems.add('system-label', ['labels', key], { key }, 'key');
  }
}

/** Flow `concurrency`: `limit` a positive integer, `behavior` QUEUE, CANCEL or FAIL (Concurrency.java). */
export function validateConcurrency(concurrency: unknown, problems: Problems): void {
  if (concurrency === undefined || concurrency === null) return;
  const path: FlowPath = ['concurrency'];
  if (!isMapValue(concurrency)) {
    problems.add('type', path, { property: 'concurrency', expected: 'map', value: show(concurrency) });
    return;
  }
  const { limit, behavior } = concurrency;
  if (limit === undefined || limit === null) problems.add('required', path, { property: 'limit', owner: 'concurrency' }, 'map');
  else if (typeof limit !== 'number' || !Number.isInteger(limit)) problems.add('type', [...path, 'limit'], { property: 'limit', expected: 'integer', value: show(limit) });
  else if (limit < 1) problems.add('min', [...path, 'limit'], { property: 'limit', min: 1, value: String(limit) });
  if (behavior !== undefined && behavior !== null && !['QUEUE', 'CANCEL', 'FAIL'].includes(String(behavior))) {
    problems.add('enum', [...path, 'behavior'], { property: 'behavior', allowed: 'QUEUE, CANCEL, FAIL', value: show(behavior) });
  }
  const known = ['limit', 'behavior'];
  for (const key of Object.keys(concurrency)) {
    if (!known.includes(key)) problems.add('unknown-property', [...path, key], { property: key, owner: 'concurrency', suggestion: closest(key, known) ?? undefined }, 'key');
  }
}

/** `pluginDefaults` (and its old name `taskDefaults`): a list of `{type, values, forced?}`. */
export function validatePluginDefaults(defaults: unknown, key: 'pluginDefaults' | 'taskDefaults', problems: Problems): void {
  if (defaults === undefined || defaults === null) return;
  if (!Array.isArray(defaults)) {
    problems.add('type', [key], { property: key, expected: 'list' });
    return;
  }
  const known = ['type', 'values', 'forced'];
  defaults.forEach((d, i) => {
    const path: FlowPath = [key, i];
    if (!isMapValue(d)) {
      problems.add('type', path, { property: `${key}[${i}]`, expected: 'map', value: show(d) });
      return;
    }
    if (d.type === undefined || d.type === null) problems.add('required', path, { property: 'type', owner: 'plugin-default' }, 'map');
    else if (typeof d.type !== 'string') problems.add('type', [...path, 'type'], { property: 'type', expected: 'string', value: show(d.type) });
    if (d.values === undefined || d.values === null) problems.add('required', path, { property: 'values', owner: 'plugin-default' }, 'map');
    else if (!isMapValue(d.values)) problems.add('type', [...path, 'values'], { property: 'values', expected: 'map', value: show(d.values) });
    if (d.forced !== undefined && typeof d.forced !== 'boolean') problems.add('type', [...path, 'forced'], { property: 'forced', expected: 'boolean', value: show(d.forced) });
    for (const k of Object.keys(d)) {
      if (!known.includes(k)) problems.add('unknown-property', [...path, k], { property: k, owner: 'plugin-default', suggestion: closest(k, known) ?? undefined }, 'key');
    }
  });
}
