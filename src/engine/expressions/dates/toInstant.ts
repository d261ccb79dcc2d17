import { ExpressionError } from '../ExpressionError';
import { compilePattern } from './formatPattern';
import { checkZone, fromLocal, type Instant } from './zone';

const ISO = /^(-?\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?(?::?\d{2})?)?(?:\[([^\]]+)\])?$/i;

function offsetSeconds(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(/:/g, '');
  const s = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4) || 0) * 60 + Number(digits.slice(4, 6) || 0);
  return text[0] === '-' ? -s : s;
}

/**
 * What Kestra's date filters accept (AbstractDate.convert): an ISO date-time
 * with offset or zone, a local date-time (taken in `zone`), a local date
 * (text: at the start of the day, LocalDate.parse(…).atStartOfDay()), a
 * number of epoch seconds, or a JavaScript Date. `existingFormat` may be a
 * pattern or one of Kestra's named formats (AbstractDate.formatter).
 */
export function toInstant(value: unknown, zone: string, existingFormat?: string): Instant {
  checkZone(zone);
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new ExpressionError('Invalid date');
    return { epochSecond: Math.floor(ms / 1000), nano: (((ms % 1000) + 1000) % 1000) * 1e6 };
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new ExpressionError(`Unable to convert the number ${value} to a date: expected epoch seconds`);
    return { epochSecond: value, nano: 0 };
  }
  if (typeof value !== 'string') throw new ExpressionError(`Unable to convert \`${JSON.stringify(value)}\` to a date`);
  if (existingFormat) {
    const named = NAMED_PARSERS[existingFormat];
    if (named) return named(value, zone);
    return parseWithPattern(value, existingFormat, zone);
  }
  const m = ISO.exec(value.trim());
  if (!m) throw new ExpressionError(`Text '${value}' could not be parsed as a date`);
  const [, y, mo, d, h, mi, s, frac, off, bracketZone] = m;
  const nano = frac ? Number(frac.padEnd(9, '0')) : 0;
  const local = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 0 : Number(h),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    nano,
  };
  if (local.month < 1 || local.month > 12 || local.day < 1 || local.day > 31 || local.hour > 23 || local.minute > 59 || local.second > 59) {
    throw new ExpressionError(`Text '${value}' could not be parsed as a date`);
  }
  if (off) {
    const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) / 1000;
    return { epochSecond: asUtc - offsetSeconds(off), nano };
  }
  if (bracketZone) {
    checkZone(bracketZone);
    return fromLocal(local, bracketZone);
  }
  return fromLocal(local, zone);
}


/** DateTimeFormatter.RFC_1123_DATE_TIME: `Tue, 8 Feb 2022 19:38:26 GMT` (or an offset such as +0100). */
function parseRfc1123(value: string): Instant {
  const m = /^(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|[+-]\d{4})$/.exec(value.trim());
  const month = m ? MONTHS.indexOf(m[2].toLowerCase()) : -1;
  if (!m || month < 0) throw new ExpressionError(`Text '${value}' could not be parsed with the format rfc_1123_date_time`);
  const utc = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) / 1000;
  return { epochSecond: utc - (m[7] === 'GMT' ? 0 : offsetSeconds(m[7])), nano: 0 };
}

/** Kestra's named formats as `existingFormat` (the ISO ones read like a plain ISO value). */
const NAMED_PARSERS: Record<string, (value: string, zone: string) => Instant> = {
  rfc_1123_date_time: (v) => parseRfc1123(v),
  ...Object.fromEntries(
    ['iso', 'iso_sec', 'iso_date_time', 'iso_zoned_date_time', 'iso_offset_date_time', 'iso_local_date_time', 'iso_local_date', 'iso_date', 'iso_instant'].map((n) => [n, (v: string, zone: string) => toInstant(v, zone)]),
  ),
  sql: (v, zone) => parseWithPattern(v, 'yyyy-MM-dd HH:mm:ss.SSSSSS', zone),
  sql_seq: (v, zone) => parseWithPattern(v, 'yyyy-MM-dd HH:mm:ss', zone),
};

/** Parses text with a java.time pattern (`existingFormat`): numeric fields, month names, literals. */
function parseWithPattern(value: string, pattern: string, zone: string): Instant {
  const fields: string[] = [];
  let re = '^';
  for (const piece of compilePattern(pattern)) {
    if ('literal' in piece) {
      re += piece.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if ('MLE'.includes(piece.letter) && piece.count >= 3) {
      fields.push(piece.letter);
      re += '([A-Za-z]+\\.?)';
    } else if (piece.letter === 'a') {
      fields.push('a');
      re += '([AaPp][Mm])';
    } else if ('XxZ'.includes(piece.letter)) {
      fields.push('offset');
      re += '(Z|[+-]\\d{2}(?::?\\d{2})?)';
    } else {
      fields.push(piece.letter);
      re += piece.count >= 2 && piece.letter !== 'S' ? `(\\d{${piece.count},})` : '(\\d+)';
    }
  }
  const m = new RegExp(re + '$').exec(value);
  if (!m) throw new ExpressionError(`Text '${value}' could not be parsed with the format '${pattern}'`);
  const local = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, nano: 0 };
  let offset: number | null = null;
  let pm: boolean | null = null;
  fields.forEach((f, idx) => {
    const t = m[idx + 1];
    switch (f) {
      case 'y': case 'u': local.year = t.length === 2 ? 2000 + Number(t) : Number(t); break;
      case 'M': case 'L':
        local.month = /^\d+$/.test(t) ? Number(t) : monthFromName(t, value);
        break;
      case 'd': local.day = Number(t); break;
      case 'H': case 'k': local.hour = Number(t) % 24; break;
      case 'h': case 'K': local.hour = Number(t) % 12; break;
      case 'a': pm = /p/i.test(t); break;
      case 'm': local.minute = Number(t); break;
      case 's': local.second = Number(t); break;
      case 'S': local.nano = Number(t.padEnd(9, '0').slice(0, 9)); break;
      case 'offset': offset = offsetSeconds(t); break;
    }
  });
  if (pm) local.hour += 12;
  if (offset !== null) {
    const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) / 1000;
    return { epochSecond: asUtc - offset, nano: local.nano };
  }
  return fromLocal(local, zone);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
function monthFromName(name: string, value: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  if (i < 0) throw new ExpressionError(`Text '${value}' could not be parsed: unknown month ${name}`);
  return i + 1;
}
