/**
 * A plain decimal number `[+-]? (D+ [. D*] | . D+) [(e|E) [+-]? D+]`, as
 * text from `src[start, end)`. The grammar is narrower than PostgreSQL's
 * input functions (no spaces around it, no `_` between digits, no hex), so
 * anything it accepts means the same thing to PostgreSQL.
 */
export interface Decimal {
  /** Where the text starts (its sign, if any) and where the digits end (before any exponent). */
  start: number;
  mantissaEnd: number;
  negative: boolean;
  /** Index range of the digits before the point, and after it. */
  intStart: number;
  intEnd: number;
  fracStart: number;
  fracEnd: number;
  /** The written exponent (0 without one). */
  exponent: number;
  /** True when some digit is not 0. */
  nonZero: boolean;
}

const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;

export function readDecimal(src: Uint8Array, start: number, end: number, maxExponentDigits = 6): Decimal | null {
  let i = start;
  let negative = false;
  if (i < end && (src[i] === 0x2b || src[i] === 0x2d)) negative = src[i++] === 0x2d;
  let nonZero = false;
  const intStart = i;
  while (i < end && src[i] >= ZERO && src[i] <= NINE) {
    if (src[i] !== ZERO) nonZero = true;
    i++;
  }
  const intEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < end && src[i] === DOT) {
    fracStart = ++i;
    while (i < end && src[i] >= ZERO && src[i] <= NINE) {
      if (src[i] !== ZERO) nonZero = true;
      i++;
    }
    fracEnd = i;
  }
  if (intEnd === intStart && fracEnd === fracStart) return null;
  const mantissaEnd = i;
  let exponent = 0;
  if (i < end && (src[i] === 0x65 || src[i] === 0x45)) {
    i++;
    let expNegative = false;
    if (i < end && (src[i] === 0x2b || src[i] === 0x2d)) expNegative = src[i++] === 0x2d;
    const expStart = i;
    while (i < end && src[i] >= ZERO && src[i] <= NINE) exponent = exponent * 10 + (src[i++] - ZERO);
    if (i === expStart || i - expStart > maxExponentDigits) return null;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return null;
  return { start, mantissaEnd, negative, intStart, intEnd, fracStart, fracEnd, exponent, nonZero };
}

/** Exact powers of ten a double holds (10^0 … 10^22). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The double nearest to the decimal (round half to even), what a correctly
 * rounding strtod gives (PostgreSQL's float8in uses strtod). Up to 15
 * significant digits and a small exponent it is one exact integer times or
 * divided by an exact power of ten, which IEEE arithmetic rounds correctly
 * (Clinger's fast path); otherwise the engine's own number parser, which also
 * rounds correctly.
 */
export function decimalToDouble(src: Uint8Array, d: Decimal): number {
  if (!d.nonZero) return d.negative ? -0 : 0;
  let m = 0;
  let digits = 0;
  let scale = d.exponent;
  for (let i = d.intStart; i < d.intEnd; i++) {
    if (digits || src[i] !== ZERO) digits++;
    m = m * 10 + (src[i] - ZERO);
  }
  // trailing zeros of the fraction add nothing
  let fracEnd = d.fracEnd;
  while (fracEnd > d.fracStart && src[fracEnd - 1] === ZERO) fracEnd--;
  for (let i = d.fracStart; i < fracEnd; i++) {
    if (digits || src[i] !== ZERO) digits++;
    m = m * 10 + (src[i] - ZERO);
    scale--;
  }
  if (digits <= 15 && scale >= -22 && scale <= 22) {
    const v = scale < 0 ? m / POW10[-scale] : m * POW10[scale];
    return d.negative ? -v : v;
  }
  let text = '';
  for (let i = d.start; i < d.mantissaEnd; i++) text += String.fromCharCode(src[i]);
  return Number(`${text}e${d.exponent}`);
}
