import type { FlowPath } from './FlowError';
import { closest } from './closest';
import { parseIsoDuration } from './parseIsoDuration';
import { isExpression, isMapValue, show, type Problems } from './Problems';

const RETRY_TYPES = ['constant', 'exponential', 'random'] as const;
// `maxAttempt` is Kestra 0.x's name, `maxAttempts` the one from 0.24 (migrationRules.ts warns about each)
const COMMON = ['type', 'maxAttempt', 'maxAttempts', 'maxDuration', 'warningOnRetry', 'behavior'];
const BY_TYPE: Record<string, { required: string[]; optional: string[] }> = {
  constant: { required: ['interval'], optional: [] },
  exponential: { required: ['interval', 'maxInterval'], optional: ['delayFactor'] },
  random: { required: ['minInterval', 'maxInterval'], optional: [] },
};
const DURATIONS = ['interval', 'maxInterval', 'minInterval', 'maxDuration'];

/** A task's (or flow's) `retry`: Kestra's Constant, Exponential or Random policy. */
export function validateRetry(retry: unknown, path: FlowPath, problems: Problems): void {
  if (!isMapValue(retry)) {
    problems.add('type', path, { property: 'retry', expected: 'map' });
    return;
  }
  const type = retry.type;
  if (type === undefined || type === null) {
    problems.add('required', path, { property: 'type', owner: 'retry' }, 'map');
    return;
  }
  if (typeof type !== 'string' || !(RETRY_TYPES as readonly string[]).includes(type)) {
    problems.add('enum', [...path, 'type'], { property: 'type', allowed: RETRY_TYPES.join(', '), value: show(type) });
    return;
  }
  const spec = BY_TYPE[type];
  const known = [...COMMON, ...spec.required, ...spec.optional];
  for (const name of spec.required) {
    if (retry[name] === undefined || retry[name] === null) problems.add('required', path, { property: name, owner: 'retry' }, 'map');
  }
  for (const [key, value] of Object.entries(retry)) {
    if (!known.includes(key)) {
      problems.add('unknown-property', [...path, key], { property: key, owner: 'retry', suggestion: closest(key, known) ?? undefined }, 'key');
      continue;
    }
    if (value === null || value === undefined) continue;
    if (DURATIONS.includes(key) && !isExpression(value) && !(typeof value === 'string' && parseIsoDuration(value))) {
      problems.add('type', [...path, key], { property: key, expected: 'duration', value: show(value) });
    }
    if (key === 'maxAttempt' || key === 'maxAttempts') {
      if (typeof value !== 'number' || !Number.isInteger(value)) problems.add('type', [...path, key], { property: key, expected: 'integer', value: show(value) });
      else if (value < 1) problems.add('min', [...path, key], { property: key, min: 1, value: show(value) });
    }
    if (key === 'warningOnRetry' && typeof value !== 'boolean') problems.add('type', [...path, key], { property: key, expected: 'boolean', value: show(value) });
    if (key === 'delayFactor' && typeof value !== 'number') problems.add('type', [...path, key], { property: key, expected: 'number', value: show(value) });
    if (key === 'behavior' && !['RETRY_FAILED_TASK', 'CREATE_NEW_EXECUTION'].includes(String(value))) {
      problems.add('enum', [...path, key], { property: key, allowed: 'RETRY_FAILED_TASK, CREATE_NEW_EXECUTION', value: show(value) });
    }
  }
}
