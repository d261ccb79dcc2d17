import type { BinaryCopyWriter } from './BinaryCopyWriter';
import type { FieldEncoder } from './FieldEncoder';

/**
 * date, timestamp and timestamptz in their binary formats: days (int32) or
 * microseconds (int64) since 2000-01-01 00:00 (UTC for timestamptz). Only
 * ISO 8601 text is read here; PostgreSQL's datetime parser accepts far more
 * (names of months, other orders, time zone names, `epoch`, `infinity`…),
 * and all of that goes the text way.
 *
 *   date         YYYY-MM-DD [ BC]
 *   timestamp    YYYY-MM-DD[( |T)HH:MM[:SS[.F{1,6}]]][ BC]
 *   timestamptz  YYYY-MM-DD[( |T)HH:MM[:SS[.F{1,6}]]][Z|±HH|±HH:MM|±HHMM]
 *                (without a zone only when the session's TimeZone is UTC)
 *
 * 24:00:00 is midnight at the end of the day, as PostgreSQL reads it.
 */
const DAYS_1970_TO_2000 = 10957;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** BC years further back than this go the text way (the types' ranges start in 4713 BC). */
const OLDEST_BC_YEAR = 4700;

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/** Days from 1970-01-01 to a proleptic Gregorian date (astronomical year numbering: 1 BC is year 0). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function digit(src: Uint8Array, i: number): number {
  const d = src[i] - 0x30;
  return d >= 0 && d <= 9 ? d : -1000;
}
const two = (src: Uint8Array, i: number) => digit(src, i) * 10 + digit(src, i + 1);

const isBc = (src: Uint8Array, i: number, end: number) =>
  end - i === 3 && src[i] === 0x20 && (src[i + 1] | 0x20) === 0x62 && (src[i + 2] | 0x20) === 0x63;

/** Year, month and day of `YYYY-MM-DD` at `start`, packed as year * 10000 + month * 100 + day, or -1. */
function readYmd(src: Uint8Array, start: number, end: number): number {
  if (end - start < 10 || src[start + 4] !== 0x2d || src[start + 7] !== 0x2d) return -1;
  const year = two(src, start) * 100 + two(src, start + 2);
  const month = two(src, start + 5);
  const day = two(src, start + 8);
  if (year <= 0 || month < 1 || month > 12 || day < 1) return -1;
  return year * 10000 + month * 100 + day;
}

/** Days since 2000-01-01 of a packed date, or NaN when it does not exist (PostgreSQL rejects it). */
function pgDays(ymd: number, bc: boolean): number {
  const written = Math.floor(ymd / 10000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  if (bc && written > OLDEST_BC_YEAR) return NaN;
  const year = bc ? 1 - written : written;
  const last = month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
  if (day > last) return NaN;
  return daysFromCivil(year, month, day) - DAYS_1970_TO_2000;
}

export const encodeDate: FieldEncoder = (src, start, end, out) => {
  const ymd = readYmd(src, start, end);
  if (ymd < 0) return false;
  const bc = isBc(src, start + 10, end);
  if (!bc && end - start !== 10) return false;
  const days = pgDays(ymd, bc);
  if (Number.isNaN(days)) return false;
  out.int32(4);
  out.int32(days);
  return true;
};

/** Writes days * 86,400,000,000 + micros as a big-endian int64, exactly (the product passes 2^53). */
function writeMicros(out: BinaryCopyWriter, days: number, micros: number): void {
  // 86_400_000_000 = 20 * 2^32 + 500_654_080; |days * 500_654_080 + micros| stays below 2^53
  const r = days * 500654080 + micros;
  const carry = Math.floor(r / 4294967296);
  out.int32(8);
  out.int32(days * 20 + carry);
  out.int32(r - carry * 4294967296);
}

/** What readTimestamp read: days since 2000-01-01 and microseconds from that day's midnight (UTC for timestamptz). */
let readDays = 0;
let readMicros = 0;

/**
 * Reads a timestamp into readDays/readMicros, or returns false; `zone` says
 * what a zone suffix may be: 'none' (timestamp: none allowed), 'utc-session'
 * (timestamptz, TimeZone is UTC: optional), 'required' (timestamptz, another
 * TimeZone: must be written).
 */
function readTimestamp(src: Uint8Array, start: number, end: number, zone: 'none' | 'utc-session' | 'required'): boolean {
  const ymd = readYmd(src, start, end);
  if (ymd < 0) return false;
  let i = start + 10;
  let micros = 0;
  let bc = false;
  if (i < end && (src[i] === 0x20 || src[i] === 0x54) && !isBc(src, i, end)) {
    i++;
    if (end - i < 5 || src[i + 2] !== 0x3a) return false;
    const hour = two(src, i);
    const minute = two(src, i + 3);
    i += 5;
    let second = 0;
    let fraction = 0;
    if (i < end && src[i] === 0x3a) {
      if (end - i < 3) return false;
      second = two(src, i + 1);
      i += 3;
      if (i < end && src[i] === 0x2e) {
        i++;
        let n = 0;
        while (i < end && n < 7 && digit(src, i) >= 0) {
          fraction = fraction * 10 + digit(src, i++);
          n++;
        }
        // more than six digits would be rounded by PostgreSQL: text way
        if (n === 0 || n > 6) return false;
        for (; n < 6; n++) fraction *= 10;
      }
    }
    if (hour < 0 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
    if (hour > 24 || (hour === 24 && (minute > 0 || second > 0 || fraction > 0))) return false;
    micros = ((hour * 60 + minute) * 60 + second) * 1_000_000 + fraction;
  }
  let offsetSeconds = 0;
  let zoned = false;
  if (zone !== 'none' && i < end) {
    const c = src[i];
    if (c === 0x5a) {
      zoned = true;
      i++;
    } else if (c === 0x2b || c === 0x2d) {
      const hours = two(src, i + 1);
      if (end - i < 3 || hours < 0 || hours > 14) return false;
      let minutes = 0;
      i += 3;
      if (end - i === 3 && src[i] === 0x3a) {
        minutes = two(src, i + 1);
        i += 3;
      } else if (end - i === 2) {
        minutes = two(src, i);
        i += 2;
      }
      if (minutes < 0 || minutes > 59) return false;
      offsetSeconds = (c === 0x2d ? -1 : 1) * (hours * 3600 + minutes * 60);
      zoned = true;
    }
  }
  if (zone === 'none' && isBc(src, i, end)) {
    bc = true;
    i = end;
  }
  if (i !== end || (zone === 'required' && !zoned)) return false;
  const days = pgDays(ymd, bc);
  if (Number.isNaN(days)) return false;
  readDays = days;
  readMicros = micros - offsetSeconds * 1_000_000;
  return true;
}

export const encodeTimestamp: FieldEncoder = (src, start, end, out) => {
  if (!readTimestamp(src, start, end, 'none')) return false;
  writeMicros(out, readDays, readMicros);
  return true;
};

/** timestamptz; `sessionIsUtc` says whether a value without a zone is in UTC (the session's TimeZone). */
export function timestamptzEncoder(sessionIsUtc: boolean): FieldEncoder {
  const zone = sessionIsUtc ? 'utc-session' : 'required';
  return (src, start, end, out) => {
    if (!readTimestamp(src, start, end, zone)) return false;
    writeMicros(out, readDays, readMicros);
    return true;
  };
}
