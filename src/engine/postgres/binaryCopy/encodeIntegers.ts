import type { FieldEncoder } from './FieldEncoder';

const PLUS = 0x2b;
const MINUS = 0x2d;
const ZERO = 0x30;

/**
 * The value of a plain decimal integer `[+-]?[0-9]+`, or null for anything
 * else (PostgreSQL also accepts spaces around it, `_` between digits and
 * 0x/0o/0b prefixes: those go the text way). Exact up to 15 digits; longer
 * ones come back as a string of their digits with the sign.
 */
function readInteger(src: Uint8Array, start: number, end: number): number | string | null {
  let i = start;
  let negative = false;
  if (i < end && (src[i] === PLUS || src[i] === MINUS)) negative = src[i++] === MINUS;
  if (i === end) return null;
  while (i < end - 1 && src[i] === ZERO) i++; // leading zeros
  if (end - i > 15) {
    let s = negative ? '-' : '';
    for (let j = i; j < end; j++) {
      const d = src[j] - ZERO;
      if (d < 0 || d > 9) return null;
      s += String.fromCharCode(src[j]);
    }
    return s;
  }
  let v = 0;
  for (; i < end; i++) {
    const d = src[i] - ZERO;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

export const encodeInt2: FieldEncoder = (src, start, end, out) => {
  const v = readInteger(src, start, end);
  if (typeof v !== 'number' || v < -32768 || v > 32767) return false;
  out.int32(2);
  out.int16(v);
  return true;
};

export const encodeInt4: FieldEncoder = (src, start, end, out) => {
  const v = readInteger(src, start, end);
  if (typeof v !== 'number' || v < -2147483648 || v > 2147483647) return false;
  out.int32(4);
  out.int32(v);
  return true;
};

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

export const encodeInt8: FieldEncoder = (src, start, end, out) => {
  const v = readInteger(src, start, end);
  if (v === null) return false;
  const big = typeof v === 'string' ? BigInt(v) : null;
  if (big !== null && (big < INT8_MIN || big > INT8_MAX)) return false;
  out.int32(8);
  if (big !== null) {
    out.view.setBigInt64(out.pos, big);
    out.pos += 8;
  } else {
    // |v| < 10^15 < 2^53: two 32-bit words, exactly
    const hi = Math.floor((v as number) / 4294967296);
    out.int32(hi);
    out.int32((v as number) - hi * 4294967296);
  }
  return true;
};
