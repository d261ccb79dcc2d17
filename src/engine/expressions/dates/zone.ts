import { ExpressionError } from '../ExpressionError';

/** A point in time with nanosecond precision, like java.time.Instant. */
export interface Instant {
  epochSecond: number;
  nano: number;
}

/** A date-time seen in one zone, like java.time.ZonedDateTime. */
export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  nano: number;
  /** Offset from UTC in seconds. */
  offset: number;
  zone: string;
  instant: Instant;
}

/** The zone Kestra uses when no `timeZone` is given (its Docker image runs in UTC). */
export const DEFAULT_ZONE = 'UTC';

const FIXED = /^(?:Z|(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function fixedOffset(zone: string): number | null {
  if (zone === 'Z') return 0;
  const m = FIXED.exec(zone);
  if (!m || !m[1]) return null;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new ExpressionError(`Unknown time-zone ID: ${zone}`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Throws Java's "Unknown time-zone ID" error for a zone name nobody knows. */
export function checkZone(zone: string): void {
  if (fixedOffset(zone) === null) formatterFor(zone);
}

/** Offset (seconds) of `zone` at the given epoch second. */
export function offsetAt(zone: string, epochSecond: number): number {
  const fixed = fixedOffset(zone);
  if (fixed !== null) return fixed;
  const parts = formatterFor(zone).formatToParts(new Date(epochSecond * 1000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const local = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) / 1000;
  return local - epochSecond;
}

/** The instant seen in `zone`. */
export function inZone(instant: Instant, zone: string): ZonedParts {
  const offset = offsetAt(zone, instant.epochSecond);
  const d = new Date((instant.epochSecond + offset) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nano: instant.nano,
    offset,
    zone,
    instant,
  };
}

/** The instant of a local date-time in `zone` (earlier offset on overlaps, like Java). */
export function fromLocal(
  local: { year: number; month: number; day: number; hour: number; minute: number; second: number; nano: number },
  zone: string,
): Instant {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) / 1000;
  let guess = asUtc - offsetAt(zone, asUtc);
  const second = offsetAt(zone, guess);
  if (second !== asUtc - guess) guess = asUtc - second;
  return { epochSecond: guess, nano: local.nano };
}

/** Whether the zone is a region (Europe/Paris) rather than a fixed offset. */
export function isRegion(zone: string): boolean {
  return fixedOffset(zone) === null;
}
