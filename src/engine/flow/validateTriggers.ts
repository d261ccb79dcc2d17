import { formatPath, type FlowPath } from './FlowError';
import { checkCron } from './checkCron';
import { checkPropertyKind } from './checkPropertyKind';
import { closest } from './closest';
import { ID_PATTERN } from './idPatterns';
import { isExpression, isMapValue, show, type Problems } from './Problems';
import { isTimeZone } from './isTimeZone';
import type { PropertySpec } from '../tasks/TaskDefinition';

export const SCHEDULE = 'io.kestra.plugin.core.trigger.Schedule';
export const FLOW_TRIGGER = 'io.kestra.plugin.core.trigger.Flow';
export const WEBHOOK = 'io.kestra.plugin.core.trigger.Webhook';

/** Older names Kestra still accepts, mapped to today's. */
export const TRIGGER_ALIASES: Record<string, string> = {
  'io.kestra.core.models.triggers.types.Schedule': SCHEDULE,
  'io.kestra.core.models.triggers.types.Flow': FLOW_TRIGGER,
  'io.kestra.core.models.triggers.types.Webhook': WEBHOOK,
};

const COMMON: Record<string, PropertySpec> = {
  id: { kind: 'string', required: true },
  type: { kind: 'string', required: true },
  description: { kind: 'string' },
  disabled: { kind: 'boolean' },
  conditions: { kind: 'list' },
  stopAfter: { kind: 'list' },
  logLevel: { kind: 'string' },
  minLogLevel: { kind: 'string' },
  logToFile: { kind: 'boolean' },
  workerGroup: { kind: 'map' },
  labels: { kind: 'any' },
  allowConcurrent: { kind: 'boolean' },
  failOnTriggerError: { kind: 'boolean' },
};

const TRIGGER_PROPERTIES: Record<string, Record<string, PropertySpec>> = {
  [SCHEDULE]: {
    cron: { kind: 'string', required: true },
    withSeconds: { kind: 'boolean' },
    timezone: { kind: 'string' },
    inputs: { kind: 'map' },
    lateMaximumDelay: { kind: 'duration' },
    recoverMissedSchedules: { kind: 'string', values: ['ALL', 'LAST', 'NONE'] },
    backfill: { kind: 'map' },
    scheduleConditions: { kind: 'list' },
    interval: { kind: 'duration' },
  },
  [FLOW_TRIGGER]: {
    inputs: { kind: 'map' },
    preconditions: { kind: 'map' },
    states: { kind: 'list' },
  },
  [WEBHOOK]: {
    key: { kind: 'string', required: true },
    inputs: { kind: 'map' },
    wait: { kind: 'boolean' },
    returnOutputs: { kind: 'boolean' },
    responseContentType: { kind: 'string' },
  },
};

export const TRIGGER_TYPES: readonly string[] = Object.keys(TRIGGER_PROPERTIES);

/**
 * A flow's `triggers`: valid unique ids, a known type (old names accepted),
 * required and known properties, Schedule's cron and timezone. Schedule
 * triggers run in src/engine/triggers (Scheduler, backfills); a property that
 * scheduler does not run, and the other trigger types, get a warning.
 */
export function validateTriggers(triggers: unknown, problems: Problems): void {
  if (triggers === undefined || triggers === null) return;
  if (!Array.isArray(triggers)) {
    problems.add('type', ['triggers'], { property: 'triggers', expected: 'list' });
    return;
  }
  const seen = new Map<string, string>();
  triggers.forEach((t, i) => {
    const path: FlowPath = ['triggers', i];
    if (!isMapValue(t)) {
      problems.add('type', path, { property: formatPath(path), expected: 'task-map', value: show(t) });
      return;
    }
    if (t.id === undefined || t.id === null) problems.add('required', path, { property: 'id', owner: 'trigger' }, 'map');
    else if (typeof t.id !== 'string' || !ID_PATTERN.test(t.id)) {
      problems.add('id-pattern', [...path, 'id'], { what: 'Trigger', id: show(t.id), allowed: '`_`, `-`' });
    } else {
      const first = seen.get(t.id);
      if (first) problems.add('duplicate-id', [...path, 'id'], { what: 'trigger', id: t.id, first });
      else seen.set(t.id, formatPath(path));
    }
    if (t.type === undefined || t.type === null) {
      problems.add('required', path, { property: 'type', owner: 'trigger' }, 'map');
      return;
    }
    const type = typeof t.type === 'string' ? (TRIGGER_ALIASES[t.type] ?? t.type) : null;
    const own = type ? TRIGGER_PROPERTIES[type] : undefined;
    if (!type || !own) {
      problems.add('unknown-trigger', [...path, 'type'], { type: show(t.type), suggestion: typeof t.type === 'string' ? (closest(t.type, TRIGGER_TYPES) ?? undefined) : undefined });
      return;
    }
    const specs = { ...COMMON, ...own };
    for (const [name, spec] of Object.entries(specs)) {
      if (name === 'id' || name === 'type') continue; // checked above
      const value = t[name];
      if (value === undefined || value === null) {
        if (spec.required) problems.add('required', path, { property: name, owner: 'trigger' }, 'map');
        continue;
      }
      const expected = checkPropertyKind(value, spec);
      if (expected) problems.add('type', [...path, name], { property: name, expected, value: typeof value === 'object' ? undefined : show(value) });
      else if (spec.values && typeof value === 'string' && !spec.values.includes(value)) {
        problems.add('enum', [...path, name], { property: name, allowed: spec.values.join(', '), value });
      }
    }
    for (const key of Object.keys(t)) {
      if (!(key in specs)) problems.add('unknown-property', [...path, key], { property: key, owner: 'trigger', suggestion: closest(key, Object.keys(specs)) ?? undefined }, 'key');
    }
    if (type === SCHEDULE) checkSchedule(t, path, problems);
    else problems.warn('trigger-not-run', [...path, 'type'], { type: type.split('.').pop() });
  });
}

/** Schedule properties Kestra accepts that the playground's scheduler (src/engine/triggers) does not run. */
const SCHEDULE_NOT_RUN = ['conditions', 'scheduleConditions', 'lateMaximumDelay', 'backfill', 'logLevel', 'minLogLevel', 'logToFile', 'workerGroup', 'failOnTriggerError'];

function checkSchedule(t: Record<string, unknown>, path: FlowPath, problems: Problems): void {
  for (const name of SCHEDULE_NOT_RUN) {
    if (t[name] !== undefined && t[name] !== null) problems.warn('trigger-property-not-run', [...path, name], { property: name }, 'key');
  }
  if (typeof t.cron === 'string' && !isExpression(t.cron)) {
    const problem = checkCron(t.cron, t.withSeconds === true);
    if (problem?.kind === 'fields') problems.add('cron-fields', [...path, 'cron'], { cron: t.cron, count: problem.count, fields: problem.fields });
    else if (problem) problems.add('cron-field', [...path, 'cron'], { cron: t.cron, field: problem.field, what: problem.what });
  }
  if (typeof t.timezone === 'string' && !isTimeZone(t.timezone)) problems.add('timezone', [...path, 'timezone'], { timezone: t.timezone });
}
