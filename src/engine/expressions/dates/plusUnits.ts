import { ExpressionError } from '../ExpressionError';
import { fromLocal, inZone, type Instant } from './zone';

const EXACT: Record<string, number> = {
  NANOS: 1,
  MICROS: 1e3,
  MILLIS: 1e6,
  SECONDS: 1e9,
  MINUTES: 60e9,
  HOURS: 3600e9,
  HALF_DAYS: 43200e9,
};
const CALENDAR: Record<string, { days?: number; months?: number }> = {
  DAYS: { days: 1 },
  WEEKS: { days: 7 },
  MONTHS: { months: 1 },
  YEARS: { months: 12 },
  DECADES: { months: 120 },
  CENTURIES: { months: 1200 },
  MILLENNIA: { months: 12000 },
};

/**
 * `ZonedDateTime.plus(amount, ChronoUnit.X)`: time units move the instant,
 * date units move the local date in the zone (keeping the wall-clock time,
 * clamping the day of month like Java).
 */
export function plusUnits(instant: Instant, amount: number, unit: string, zone: string): Instant {
  if (!Number.isInteger(amount)) throw new ExpressionError(`dateAdd: the amount must be a whole number, got ${amount}`);
  if (unit in EXACT) {
    const nanos = BigInt(instant.nano) + BigInt(amount) * BigInt(EXACT[unit]);
    const sec = nanos >= 0n ? nanos / 1000000000n : -((-nanos + 999999999n) / 1000000000n);
    return { epochSecond: instant.epochSecond + Number(sec), nano: Number(nanos - sec * 1000000000n) };
  }
  const cal = CALENDAR[unit];
  if (!cal) {
    throw new ExpressionError(`No enum constant java.time.temporal.ChronoUnit.${unit}`);
  }
  const p = inZone(instant, zone);
  let { year, month, day } = p;
  if (cal.months) {
    const total = year * 12 + (month - 1) + amount * cal.months;
    year = Math.floor(total / 12);
    month = (total % 12 + 12) % 12 + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    day = Math.min(day, last);
  } else {
    const d = new Date(Date.UTC(year, month - 1, day + amount * (cal.days ?? 0)));
    year = d.getUTCFullYear();
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  return fromLocal({ year, month, day, hour: p.hour, minute: p.minute, second: p.second, nano: p.nano }, zone);
}
