import { dayOfYear, formatOffset, formatPattern, isoWeek } from './formatPattern';
import { inZone, isRegion, type ZonedParts } from './zone';

/** Java's ISO fraction: only as many digits as needed, none for zero. */
function fraction(nano: number): string {
  if (nano === 0) return '';
  return '.' + String(nano).padStart(9, '0').replace(/0+$/, '');
}

/** ISO_INSTANT's fraction: groups of three digits. */
function fraction3(nano: number): string {
  if (nano === 0) return '';
  const s = String(nano).padStart(9, '0');
  return '.' + (nano % 1e6 === 0 ? s.slice(0, 3) : nano % 1e3 === 0 ? s.slice(0, 6) : s);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const localDate = (p: ZonedParts) => `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
const localTime = (p: ZonedParts) => `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${fraction(p.nano)}`;
const offsetId = (p: ZonedParts) => formatOffset(p.offset, true, true);
const zoneSuffix = (p: ZonedParts) => (isRegion(p.zone) ? `[${p.zone}]` : '');

type Named = (p: ZonedParts, locale: string) => string;

/** Kestra's named formats (AbstractDate.FORMATTERS) and the style names. */
export const NAMED_FORMATS: Record<string, Named> = {
  iso: (p, l) => formatPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", p, l),
  iso_sec: (p, l) => formatPattern("yyyy-MM-dd'T'HH:mm:ssXXX", p, l),
  sql: (p, l) => formatPattern('yyyy-MM-dd HH:mm:ss.SSSSSS', p, l),
  sql_seq: (p, l) => formatPattern('yyyy-MM-dd HH:mm:ss', p, l),
  iso_date_time: (p) => `${localDate(p)}T${localTime(p)}${offsetId(p)}${zoneSuffix(p)}`,
  iso_zoned_date_time: (p) => `${localDate(p)}T${localTime(p)}${offsetId(p)}${zoneSuffix(p)}`,
  iso_offset_date_time: (p) => `${localDate(p)}T${localTime(p)}${offsetId(p)}`,
  iso_date: (p) => `${localDate(p)}${offsetId(p)}`,
  iso_time: (p) => `${localTime(p)}${offsetId(p)}`,
  iso_offset_time: (p) => `${localTime(p)}${offsetId(p)}`,
  iso_local_date: (p) => localDate(p),
  iso_local_time: (p) => localTime(p),
  iso_local_date_time: (p) => `${localDate(p)}T${localTime(p)}`,
  iso_instant: (p) => {
    const u = inZone(p.instant, 'UTC');
    return `${localDate(u)}T${pad(u.hour, 2)}:${pad(u.minute, 2)}:${pad(u.second, 2)}${fraction3(u.nano)}Z`;
  },
  iso_ordinal_date: (p) => `${pad(p.year, 4)}-${pad(dayOfYear(p), 3)}${offsetId(p)}`,
  iso_week_date: (p) => {
    const w = isoWeek(p);
    const dow = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() || 7;
    return `${pad(w.year, 4)}-W${pad(w.week, 2)}-${dow}${offsetId(p)}`;
  },
  rfc_1123_date_time: (p, l) =>
    `${formatPattern('EEE, d MMM yyyy HH:mm:ss', p, l === 'en' ? l : 'en')} ${p.offset === 0 ? 'GMT' : formatOffset(p.offset, false, false)}`,
  full: (p, l) => styled(p, l, 'full'),
  long: (p, l) => styled(p, l, 'long'),
  medium: (p, l) => styled(p, l, 'medium'),
  short: (p, l) => styled(p, l, 'short'),
};

function styled(p: ZonedParts, locale: string, style: 'full' | 'long' | 'medium' | 'short'): string {
  const zone = isRegion(p.zone) ? p.zone : 'UTC';
  const ms = (p.instant.epochSecond + (isRegion(p.zone) ? 0 : p.offset)) * 1000;
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeStyle: style, timeZone: zone }).format(ms);
}
