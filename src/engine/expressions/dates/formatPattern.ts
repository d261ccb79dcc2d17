import { ExpressionError } from '../ExpressionError';
import { dayName, dayPeriod, monthName } from './names';
import { isRegion, type ZonedParts } from './zone';

/** One piece of a java.time DateTimeFormatter pattern. */
type Piece = { letter: string; count: number } | { literal: string };

const compiled = new Map<string, Piece[]>();
const LETTERS = new Set('GuyDMLdQqYwWEecFaHkKhmsSAnNVzOXxZ'.split(''));

/** Splits a Java pattern such as `yyyy-MM-dd'T'HH:mm` into letter runs and literals. */
export function compilePattern(pattern: string): Piece[] {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const pieces: Piece[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        pieces.push({ literal: "'" });
        i += 2;
        continue;
      }
      let text = '';
      let j = i + 1;
      for (;;) {
        const close = pattern.indexOf("'", j);
        if (close < 0) throw new ExpressionError(`Pattern ends with an incomplete string literal: ${pattern}`);
        text += pattern.slice(j, close);
        if (pattern[close + 1] === "'") {
          text += "'";
          j = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      pieces.push({ literal: text });
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      if (!LETTERS.has(c)) throw new ExpressionError(`Unknown pattern letter: ${c}`);
      let j = i;
      while (pattern[j] === c) j++;
      pieces.push({ letter: c, count: j - i });
      i = j;
      continue;
    }
    if (c === '{' || c === '}' || c === '#') throw new ExpressionError(`Pattern includes reserved character: '${c}'`);
    // optional sections print in full: every field of a zoned date-time is available
    if (c !== '[' && c !== ']') pieces.push({ literal: c });
    i++;
  }
  compiled.set(pattern, pieces);
  return pieces;
}

const pad = (n: number, width: number) => {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
};

export function dayOfWeek(p: ZonedParts): number {
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
}

export function dayOfYear(p: ZonedParts): number {
  return Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
}

/** ISO week-based year and week number. */
export function isoWeek(p: ZonedParts): { year: number; week: number } {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  return { year, week };
}

/** An offset as `+HH:MM` (`colon`) or `+HHMM`, with `Z` for zero when asked. */
export function formatOffset(seconds: number, colon: boolean, zForZero: boolean, withMinutes = true): string {
  if (seconds === 0 && zForZero) return 'Z';
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const h = pad(Math.floor(abs / 3600), 2);
  const m = pad(Math.floor((abs % 3600) / 60), 2);
  if (!withMinutes && m === '00') return `${sign}${h}`;
  return colon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

function text(count: number): 'short' | 'long' | 'narrow' {
  return count === 4 ? 'long' : count === 5 ? 'narrow' : 'short';
}

function zoneShortName(p: ZonedParts, locale: string, long: boolean): string {
  if (!isRegion(p.zone)) return formatOffset(p.offset, true, true);
  const parts = new Intl.DateTimeFormat(locale, { timeZone: p.zone, timeZoneName: long ? 'long' : 'short' }).formatToParts(
    p.instant.epochSecond * 1000,
  );
  return parts.find((x) => x.type === 'timeZoneName')?.value ?? p.zone;
}

function field(letter: string, count: number, p: ZonedParts, locale: string): string {
  switch (letter) {
    case 'G':
      return p.year > 0 ? (count === 4 ? 'Anno Domini' : 'AD') : count === 4 ? 'Before Christ' : 'BC';
    case 'u':
    case 'y':
      return count === 2 ? pad(((p.year % 100) + 100) % 100, 2) : pad(p.year, count);
    case 'Y': {
      const y = isoWeek(p).year;
      return count === 2 ? pad(y % 100, 2) : pad(y, count);
    }
    case 'M':
    case 'L':
      return count >= 3 ? monthName(p.month, text(count), locale) : pad(p.month, count);
    case 'd':
      return pad(p.day, count);
    case 'D':
      return pad(dayOfYear(p), count);
    case 'Q':
    case 'q': {
      const q = Math.ceil(p.month / 3);
      if (count <= 2) return pad(q, count);
      return count === 3 ? `Q${q}` : `${['1st', '2nd', '3rd', '4th'][q - 1]} quarter`;
    }
    case 'w':
      return pad(isoWeek(p).week, count);
    case 'W':
      return String(Math.ceil(p.day / 7));
    case 'E':
      return dayName(dayOfWeek(p), text(count), locale);
    case 'e':
    case 'c':
      return count <= 2 ? pad(dayOfWeek(p) + 1, count) : dayName(dayOfWeek(p), text(count), locale);
    case 'F':
      return String(Math.floor((p.day - 1) / 7) + 1);
    case 'a':
      return dayPeriod(p.hour, locale);
    case 'H':
      return pad(p.hour, count);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, count);
    case 'K':
      return pad(p.hour % 12, count);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, count);
    case 'm':
      return pad(p.minute, count);
    case 's':
      return pad(p.second, count);
    case 'S':
      return String(p.nano).padStart(9, '0').slice(0, Math.min(count, 9)).padEnd(count, '0');
    case 'A':
      return pad(((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + Math.floor(p.nano / 1e6), count);
    case 'n':
      return pad(p.nano, count);
    case 'N':
      return pad(((p.hour * 60 + p.minute) * 60 + p.second) * 1e9 + p.nano, count);
    case 'V':
      return p.zone;
    case 'z':
      return zoneShortName(p, locale, count === 4);
    case 'O':
      return p.offset === 0 ? 'GMT' : `GMT${formatOffset(p.offset, true, false, count === 4)}`;
    case 'X':
      return count === 1 ? formatOffset(p.offset, false, true, false) : formatOffset(p.offset, count % 2 === 1, true);
    case 'x':
      return count === 1 ? formatOffset(p.offset, false, false, false) : formatOffset(p.offset, count % 2 === 1, false);
    case 'Z':
      if (count <= 3) return formatOffset(p.offset, false, false);
      if (count === 4) return p.offset === 0 ? 'GMT' : `GMT${formatOffset(p.offset, true, false)}`;
      return formatOffset(p.offset, true, true);
  }
  throw new ExpressionError(`Unknown pattern letter: ${letter}`);
}

/** Formats a zoned date-time with a java.time pattern (`yyyy-MM-dd'T'HH:mm`, `EEE`, `MMM`...). */
export function formatPattern(pattern: string, p: ZonedParts, locale: string): string {
  return compilePattern(pattern)
    .map((piece) => ('literal' in piece ? piece.literal : field(piece.letter, piece.count, p, locale)))
    .join('');
}
