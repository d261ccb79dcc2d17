/**
 * Java's ISO parsers for DATE (LocalDate.parse), TIME (LocalTime.parse) and
 * DATETIME (Instant.parse), and the strings Java prints back.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

/** `2024-02-29` → same string; null when not a real ISO local date. */
export function parseLocalDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m || !validDate(+m[1], +m[2], +m[3])) return null;
  return text;
}

/** `09:30`, `09:30:15`, `09:30:15.250` → Java's LocalTime.toString(); null when invalid. */
export function parseLocalTime(text: string): string | null {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(text);
  if (!m || +m[1] > 23 || +m[2] > 59 || (m[3] !== undefined && +m[3] > 59)) return null;
  const frac = (m[4] ?? '').replace(/0+$/, '');
  const seconds = m[3] === undefined ? 0 : +m[3];
  let out = `${m[1]}:${m[2]}`;
  if (seconds || frac) out += `:${m[3] ?? '00'}`;
  if (frac) out += '.' + frac.padEnd(frac.length <= 3 ? 3 : frac.length <= 6 ? 6 : 9, '0');
  return out;
}

/**
 * `2024-01-15T10:00:00Z` or `2024-01-15T12:00:00+02:00` → the UTC instant as
 * Java prints it (`2024-01-15T10:00:00Z`, fraction in groups of 3 digits);
 * null when invalid. Seconds are required, as in Java.
 */
export function parseInstant(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)$/i.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  if (!validDate(+y, +mo, +d) || +h > 23 || +mi > 59 || +s > 59) return null;
  let offsetSec = 0;
  if (zone.toUpperCase() !== 'Z') {
    const [oh, om, os = '0'] = zone.slice(1).split(':');
    if (+oh > 18 || +om > 59) return null;
    offsetSec = (zone[0] === '-' ? -1 : 1) * (+oh * 3600 + +om * 60 + +os);
  }
  const utcMs = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - offsetSec * 1000;
  return formatInstant(utcMs, frac);
}

/** Java's Instant.toString() for a millisecond time plus an optional sub-second digit string. */
export function formatInstant(utcMs: number, fracDigits = ''): string {
  const dt = new Date(utcMs);
  const base = `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}T${pad(dt.getUTCHours())}:${pad(dt.getUTCMinutes())}:${pad(dt.getUTCSeconds())}`;
  let frac = fracDigits.replace(/0+$/, '');
  if (!frac && dt.getUTCMilliseconds()) frac = pad(dt.getUTCMilliseconds(), 3).replace(/0+$/, '');
  if (frac) frac = '.' + frac.padEnd(frac.length <= 3 ? 3 : frac.length <= 6 ? 6 : 9, '0');
  return `${base}${frac}Z`;
}
