import type { FieldEncoder } from './FieldEncoder';
import { encodeInt2, encodeInt4, encodeInt8 } from './encodeIntegers';
import { encodeFloat4, encodeFloat8 } from './encodeFloats';
import { encodeNumeric } from './encodeNumeric';
import { encodeDate, encodeTimestamp, timestamptzEncoder } from './encodeDateTimes';
import { isAsciiWord } from './asciiWord';

/** text and varchar: the bytes as they are (the data was checked to be UTF-8 without NUL; varchar(n) is checked by PostgreSQL on receipt). */
export const encodeText: FieldEncoder = (src, start, end, out) => {
  out.field(src, start, end);
  return true;
};

const TRUE_WORDS = ['t', 'true', 'y', 'yes', 'on', '1'];
const FALSE_WORDS = ['f', 'false', 'n', 'no', 'off', '0'];

/** bool: the full spellings boolin accepts, in any case; its prefixes (`tr`, `of`…) and spaces go the text way. */
const encodeBool: FieldEncoder = (src, start, end, out) => {
  const value = TRUE_WORDS.some((w) => isAsciiWord(src, start, end, w)) ? 1 : FALSE_WORDS.some((w) => isAsciiWord(src, start, end, w)) ? 0 : -1;
  if (value < 0) return false;
  out.int32(1);
  out.buf[out.pos++] = value;
  return true;
};

/** The type OIDs (pg_type.oid, fixed for built-in types) the encoder knows, with their SQL names. */
export const ENCODABLE_TYPES: Record<number, string> = {
  16: 'boolean',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  700: 'real',
  701: 'double precision',
  1043: 'character varying',
  1082: 'date',
  1114: 'timestamp without time zone',
  1184: 'timestamp with time zone',
  1700: 'numeric',
};

/** The encoder for a column of type `typeOid`, or undefined when the type goes the text way. */
export function fieldEncoderFor(typeOid: number, session: { timeZoneIsUtc: boolean }): FieldEncoder | undefined {
  switch (typeOid) {
    case 16:
      return encodeBool;
    case 20:
      return encodeInt8;
    case 21:
      return encodeInt2;
    case 23:
      return encodeInt4;
    case 25:
    case 1043:
      return encodeText;
    case 700:
      return encodeFloat4;
    case 701:
      return encodeFloat8;
    case 1082:
      return encodeDate;
    case 1114:
      return encodeTimestamp;
    case 1184:
      return timestamptzEncoder(session.timeZoneIsUtc);
    case 1700:
      return encodeNumeric;
    default:
      return undefined;
  }
}
