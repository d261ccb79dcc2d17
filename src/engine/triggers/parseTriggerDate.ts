import { fromLocal } from '../expressions/dates/zone';
import { TriggerError } from './TriggerError';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date the learner typed for a backfill or a tick: `2020-03-01` (midnight),
 * `2020-03-01T09:00` (local time), both read in the trigger's zone as
 * Kestra's date pickers are, or an instant with `Z` or an offset.
 */
export function parseTriggerDate(text: string, zone: string): Date {
  const m = ISO.exec(text.trim());
  if (!m) throw new TriggerError('bad-date', { value: text });
  const [, y, mo, d, h, mi, s, ms, off] = m;
  const local = { year: +y, month: +mo, day: +d, hour: +(h ?? 0), minute: +(mi ?? 0), second: +(s ?? 0), nano: 0 };
  const millis = ms ? Number(ms.padEnd(3, '0')) : 0;
  const check = new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
  if (check.getUTCMonth() !== local.month - 1 || check.getUTCDate() !== local.day || local.hour > 23 || local.minute > 59 || local.second > 59) {
    throw new TriggerError('bad-date', { value: text });
  }
  if (off) {
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.replace(/[^0-9]/g, '');
    const offsetMs = off.toUpperCase() === 'Z' ? 0 : sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60) * 1000;
    return new Date(check.getTime() + millis - offsetMs);
  }
  return new Date(fromLocal(local, zone).epochSecond * 1000 + millis);
}
