/** Cron nicknames Kestra's Schedule trigger accepts. */
export const CRON_NICKNAMES = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'] as const;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  name: 'second' | 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';
  min: number;
  max: number;
  names?: string[];
  namesFrom?: number;
}

const SECOND: FieldRule = { name: 'second', min: 0, max: 59 };
const UNIX_FIELDS: FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, namesFrom: 0 },
];

export type CronProblem = { kind: 'fields'; count: number; fields: string } | { kind: 'field'; field: string; what: FieldRule['name'] };

/**
 * Checks a cron expression as Kestra's Schedule trigger reads it (Unix cron:
 * minute hour day-of-month month day-of-week; a leading seconds field when
 * `withSeconds` is true; or a nickname such as `@daily`). Null when valid.
 */
export function checkCron(cron: string, withSeconds = false): CronProblem | null {
  const text = cron.trim();
  if ((CRON_NICKNAMES as readonly string[]).includes(text.toLowerCase())) return null;
  const rules = withSeconds ? [SECOND, ...UNIX_FIELDS] : UNIX_FIELDS;
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length !== rules.length) return { kind: 'fields', count: rules.length, fields: rules.map((r) => r.name).join(' ') };
  for (let i = 0; i < parts.length; i++) {
    if (!fieldOk(parts[i], rules[i])) return { kind: 'field', field: parts[i], what: rules[i].name };
  }
  return null;
}

function fieldOk(field: string, rule: FieldRule): boolean {
  return field.split(',').every((item) => itemOk(item, rule));
}

function itemOk(item: string, rule: FieldRule): boolean {
  const [range, step, ...rest] = item.split('/');
  if (rest.length) return false;
  if (step !== undefined && !/^\d+$/.test(step)) return false;
  if (step !== undefined && Number(step) < 1) return false;
  if (range === '*') return true;
  const bounds = range.split('-');
  if (bounds.length > 2) return false;
  const values = bounds.map((b) => valueOf(b, rule));
  if (values.some((v) => v === null)) return false;
  if (values.length === 2 && (values[0] as number) > (values[1] as number)) return false;
  return true;
}

function valueOf(token: string, rule: FieldRule): number | null {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= rule.min && n <= rule.max ? n : null;
  }
  const idx = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  return idx >= 0 ? idx + (rule.namesFrom ?? 0) : null;
}
