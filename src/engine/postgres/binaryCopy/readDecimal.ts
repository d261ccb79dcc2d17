/**
 * A plain decimal number `[+-]? (D+ [. D*] | . D+) [(e|E) [+-]? D+]`, as
 * text from `src[start, end)`. The grammar is narrower than PostgreSQL's
 * input functions (no spaces around it, no `_` between digits, no hex), so
 * anything it accepts means the same thing to PostgreSQL.
 */
export interface Decimal {
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
  return { negative, intStart, intEnd, fracStart, fracEnd, exponent, nonZero };
}
