import type { FieldEncoder } from './FieldEncoder';
import { isAsciiWord } from './asciiWord';

const ZERO = 0x30;
/** Exact powers of ten a double holds (10^0 … 10^22). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Set by readDouble: whether the last value read had a non-zero digit (so 0 means it underflowed). */
let lastNonZero = false;

/**
 * The double nearest to a plain decimal `[+-]? (D+ [. D*] | . D+) [(e|E) [+-]? D+]`
 * written in `src[start, end)` (round half to even, what a correctly rounding
 * strtod gives: PostgreSQL's float8in uses strtod), or undefined for any
 * other text (PostgreSQL also takes spaces around it, hex, `inf`…: those go
 * the text way). Up to 15 significant digits and a small exponent it is one
 * exact integer times or divided by an exact power of ten, which IEEE
 * arithmetic rounds correctly (Clinger's fast path); otherwise the engine's
 * own number parser, which also rounds correctly.
 */
function readDouble(src: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let negative = false;
  if (i < end && (src[i] === 0x2b || src[i] === 0x2d)) negative = src[i++] === 0x2d;
  let m = 0;
  let digits = 0;
  let scale = 0;
  let sawDigit = false;
  for (; i < end; i++) {
    const d = src[i] - ZERO;
    if (d < 0 || d > 9) break;
    sawDigit = true;
    if (m !== 0 || d !== 0) {
      m = m * 10 + d;
      digits++;
    }
  }
  if (i < end && src[i] === 0x2e) {
    for (i++; i < end; i++) {
      const d = src[i] - ZERO;
      if (d < 0 || d > 9) break;
      sawDigit = true;
      if (m !== 0 || d !== 0) {
        m = m * 10 + d;
        digits++;
      }
      scale--;
    }
  }
  if (!sawDigit) return undefined;
  const mantissaEnd = i;
  let exponent = 0;
  if (i < end && (src[i] | 0x20) === 0x65) {
    i++;
    let expNegative = false;
    if (i < end && (src[i] === 0x2b || src[i] === 0x2d)) expNegative = src[i++] === 0x2d;
    const expStart = i;
    for (; i < end; i++) {
      const d = src[i] - ZERO;
      if (d < 0 || d > 9) break;
      exponent = exponent * 10 + d;
    }
    if (i === expStart || i - expStart > 6) return undefined;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return undefined;
  lastNonZero = m !== 0;
  if (m === 0) return negative ? -0 : 0;
  scale += exponent;
  if (digits <= 15 && scale >= -22 && scale <= 22) {
    const v = scale < 0 ? m / POW10[-scale] : m * POW10[scale];
    return negative ? -v : v;
  }
  let text = '';
  for (let k = start; k < mantissaEnd; k++) text += String.fromCharCode(src[k]);
  return Number(`${text}e${exponent}`);
}

/** NaN and the infinities as float8in/float4in spell them (any case); other spellings (inf, nan(…)) go the text way. */
function special(src: Uint8Array, start: number, end: number): number | undefined {
  const n = end - start;
  if (n === 3 && isAsciiWord(src, start, end, 'nan')) return NaN;
  if (n === 8 && isAsciiWord(src, start, end, 'infinity')) return Infinity;
  if (n === 9 && (src[start] === 0x2b || src[start] === 0x2d) && isAsciiWord(src, start + 1, end, 'infinity')) return src[start] === 0x2d ? -Infinity : Infinity;
  return undefined;
}

const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/**
 * float8: the double PostgreSQL's float8in would store. A decimal that
 * overflows to infinity or underflows to zero is an error there ("out of
 * range for type double precision"): it goes the text way, so PostgreSQL
 * reports it. Denormals are accepted, as float8in accepts them.
 */
export const encodeFloat8: FieldEncoder = (src, start, end, out) => {
  let v = readDouble(src, start, end);
  if (v === undefined) {
    if (end - start < 3 || !isLetter(src[end - 1])) return false;
    v = special(src, start, end);
    if (v === undefined) return false;
  } else if (!Number.isFinite(v) || (v === 0 && lastNonZero)) return false;
  out.int32(8);
  out.float64(v);
  return true;
};

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 next to `f` (finite, not zero), away from zero or towards it. */
function float32Neighbour(f: number, awayFromZero: boolean): number {
  f32[0] = f;
  u32[0] += awayFromZero ? 1 : -1;
  return f32[0];
}

/**
 * float4: PostgreSQL 12+ reads it with strtof, rounding the decimal to
 * float32 once. Rounding to a double first and then to float32 gives the same
 * float except when the double falls exactly halfway between two float32s;
 * such a value (and any overflow or underflow) goes the text way.
 */
export const encodeFloat4: FieldEncoder = (src, start, end, out) => {
  let v = readDouble(src, start, end);
  if (v === undefined) {
    v = special(src, start, end);
    if (v === undefined) return false;
  } else {
    const f = Math.fround(v);
    if (!Number.isFinite(f) || (f === 0 && lastNonZero)) return false;
    if (f !== v && (f + float32Neighbour(f, Math.abs(v) > Math.abs(f))) / 2 === v) return false;
    v = f;
  }
  out.int32(4);
  out.float32(v);
  return true;
};
