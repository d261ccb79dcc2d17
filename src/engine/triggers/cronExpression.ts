import { Cron, type CronOptions } from 'croner';

/** Cron nicknames Kestra's Schedule trigger accepts (Schedule.java, CRON_DEFINITION_BUILDER), as 5-field crons. */
export const CRON_NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export type CronField = 'second' | 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

const UNIX_FIELDS: CronField[] = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export type CronProblem = { kind: 'fields'; count: number; fields: string } | { kind: 'field'; field: string; what: CronField };

/** The ticks of one cron in one time zone. Ticks are whole seconds. */
export interface CronTicks {
  /** The cron as written. */
  readonly cron: string;
  /** The 5- or 6-field pattern it stands for (nicknames expanded). */
  readonly pattern: string;
  readonly timezone: string;
  /** The first tick strictly after `date` (cron-utils' nextExecution), or null when there is none. */
  next(date: Date): Date | null;
  /** The last tick strictly before `date` (cron-utils' lastExecution), or null. */
  previous(date: Date): Date | null;
  /** The first tick at or after `date`: Kestra's `nextExecution(date.minus(1s))` (Schedule.scheduleDates). */
  atOrAfter(date: Date): Date | null;
}

/** The 5- or 6-field pattern of a cron as Kestra reads it (nicknames expanded), or null for a field-count problem. */
export function expandCron(cron: string, withSeconds: boolean): string[] | null {
  const text = cron.trim();
  const nick = CRON_NICKNAMES[text.toLowerCase()];
  if (nick) return withSeconds ? ['0', ...nick.split(' ')] : nick.split(' ');
  const parts = text.split(/\s+/).filter(Boolean);
  return parts.length === (withSeconds ? 6 : 5) ? parts : null;
}

/**
 * Kestra's cron dialect (cron-utils with Schedule.java's definition: strict
 * ranges, day-of-week 0-7 with 7 = Sunday, month and day names, no `L`, `W`,
 * `#` or `?`); croner accepts more, so what Kestra would refuse is refused
 * here before croner sees it.
 */
function kestraFieldOk(field: string, what: CronField): boolean {
  if (!/^[0-9A-Za-z*,/-]+$/.test(field)) return false;
  for (const item of field.split(',')) {
    const [range, step, ...rest] = item.split('/');
    if (rest.length || range === '') return false;
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return false;
    for (const bound of range.split('-')) {
      if (bound === '') return false;
      if (/^\d+$/.test(bound) || bound === '*') continue;
      const names = what === 'month' ? MONTHS : what === 'day-of-week' ? DAYS : null;
      if (!names?.includes(bound.toUpperCase())) return false;
    }
  }
  return true;
}

/** A croner job without a callback: it only computes dates, it never sets a timer. */
function croner(pattern: string[], timezone: string | undefined): Cron {
  const options: CronOptions = { mode: pattern.length === 6 ? '6-part' : '5-part', sloppyRanges: true, domAndDow: false };
  const offset = timezone ? fixedOffsetMinutes(timezone) : 0;
  if (offset !== null) options.utcOffset = offset;
  else options.timezone = timezone;
  // croner does not know the month and day names in lower case
  return new Cron(pattern.map((p) => p.toUpperCase()).join(' '), options);
}

/** Minutes east of UTC for a fixed-offset zone id (`+02:00`, `UTC-5`, `Z`), null for a region. */
function fixedOffsetMinutes(zone: string): number | null {
  if (/^(Z|UTC|GMT|UT)$/i.test(zone)) return 0;
  const m = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/**
 * Checks a cron as Kestra's Schedule trigger reads it: 5 fields (minute hour
 * day-of-month month day-of-week), 6 with a leading seconds field when
 * `withSeconds` is true, or a nickname such as `@daily`. Null when valid.
 */
export function checkCronExpression(cron: string, withSeconds = false): CronProblem | null {
  const fields: CronField[] = withSeconds ? ['second', ...UNIX_FIELDS] : UNIX_FIELDS;
  const parts = expandCron(cron, withSeconds);
  if (!parts) return { kind: 'fields', count: fields.length, fields: fields.join(' ') };
  for (let i = 0; i < parts.length; i++) {
    if (!kestraFieldOk(parts[i], fields[i])) return { kind: 'field', field: parts[i], what: fields[i] };
  }
  try {
    croner(parts, undefined);
    return null;
  } catch {
    // find the field croner refuses: each field alone, the others `*`
    for (let i = 0; i < parts.length; i++) {
      const alone = parts.map((p, j) => (j === i ? p : '*'));
      try {
        croner(alone, undefined);
      } catch {
        return { kind: 'field', field: parts[i], what: fields[i] };
      }
    }
    return { kind: 'field', field: parts.join(' '), what: fields[0] };
  }
}

/**
 * The ticks of a valid cron in `timezone` (an IANA id or a fixed offset;
 * default UTC, the zone of Kestra's Docker image). Throws on an invalid cron:
 * check it with checkCronExpression first.
 */
export function cronTicks(cron: string, options: { withSeconds?: boolean; timezone?: string } = {}): CronTicks {
  const withSeconds = options.withSeconds === true;
  const timezone = options.timezone ?? 'UTC';
  const problem = checkCronExpression(cron, withSeconds);
  if (problem) throw new Error(`Invalid cron expression \`${cron}\``);
  const parts = expandCron(cron, withSeconds)!;
  const job = croner(parts, timezone);
  const next = (date: Date) => job.nextRun(date);
  return {
    cron,
    pattern: parts.join(' '),
    timezone,
    next,
    previous: (date) => job.previousRuns(1, date)[0] ?? null,
    atOrAfter: (date) => next(new Date(date.getTime() - 1000)),
  };
}
