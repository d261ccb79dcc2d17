import { bindArgs, optionalString } from '../args';
import { ExpressionError } from '../ExpressionError';
import { formatPattern } from '../dates/formatPattern';
import { NAMED_FORMATS } from '../dates/namedFormats';
import { plusUnits } from '../dates/plusUnits';
import { toInstant } from '../dates/toInstant';
import { DEFAULT_ZONE, inZone, type Instant } from '../dates/zone';
import type { Filter } from './Filter';

const DATE_ARGS = ['format', 'timeZone', 'existingFormat', 'locale'] as const;

/** Formats an instant as Kestra's AbstractDate.format does: named format or java.time pattern, in a zone. */
export function formatInstant(instant: Instant, args: Record<string, unknown>, what: string): string {
  const format = optionalString(args, 'format', what) ?? 'iso';
  const zone = optionalString(args, 'timeZone', what) ?? DEFAULT_ZONE;
  const locale = (optionalString(args, 'locale', what) ?? 'en').replace('_', '-');
  const parts = inZone(instant, zone);
  const named = NAMED_FORMATS[format];
  return named ? named(parts, locale) : formatPattern(format, parts, locale);
}

function readDate(input: unknown, args: Record<string, unknown>, what: string): Instant {
  const zone = optionalString(args, 'timeZone', what) ?? DEFAULT_ZONE;
  return toInstant(input, zone, optionalString(args, 'existingFormat', what));
}

const date: Filter = (input, ...rest) => {
  if (input === null) return null;
  const args = bindArgs(rest, DATE_ARGS, 'date');
  return formatInstant(readDate(input, args, 'date'), args, 'date');
};

const dateAdd: Filter = (input, ...rest) => {
  if (input === null) return null;
  const args = bindArgs(rest, ['amount', 'unit', ...DATE_ARGS], 'dateAdd');
  const amount = args.amount;
  const unit = args.unit;
  if (typeof amount !== 'number') throw new ExpressionError('dateAdd: `amount` must be a number');
  if (typeof unit !== 'string') throw new ExpressionError('dateAdd: `unit` must be a ChronoUnit name such as DAYS');
  const zone = optionalString(args, 'timeZone', 'dateAdd') ?? DEFAULT_ZONE;
  const moved = plusUnits(readDate(input, args, 'dateAdd'), amount, unit, zone);
  return formatInstant(moved, args, 'dateAdd');
};

function timestampFilter(name: string, toNumber: (i: Instant) => number | string): Filter {
  return (input, ...rest) => {
    if (input === null) return null;
    const args = bindArgs(rest, ['timeZone', 'existingFormat'], name);
    return toNumber(readDate(input, args, name));
  };
}

export const DATE_FILTERS: Record<string, Filter> = {
  date,
  dateAdd,
  timestamp: timestampFilter('timestamp', (i) => i.epochSecond),
  timestampMilli: timestampFilter('timestampMilli', (i) => i.epochSecond * 1000 + Math.floor(i.nano / 1e6)),
  // as Kestra's TimestampMicroFilter computes it: SECONDS.toNanos(epochSecond) + NANOSECONDS.toMicros(nano)
  // (nanoseconds of the second plus microseconds: 1378653552000123456, DateFilterTest#instantmicro)
  timestampMicro: timestampFilter('timestampMicro', (i) => (BigInt(i.epochSecond) * 1000000000n + BigInt(Math.floor(i.nano / 1e3))).toString()),
  // nanoseconds since 1970 exceed 2^53: kept exact as a string of digits
  timestampNano: timestampFilter('timestampNano', (i) => (BigInt(i.epochSecond) * 1000000000n + BigInt(i.nano)).toString()),
};
