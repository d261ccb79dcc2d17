import type { FieldEncoder } from './FieldEncoder';
import { readDecimal } from './readDecimal';
import { isAsciiWord } from './asciiWord';

const NUMERIC_POS = 0x0000;
const NUMERIC_NEG = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PINF = 0xd000;
const NUMERIC_NINF = 0xf000;
/** Longer inputs (and exponents) than these go the text way; numeric_in's own limits are far larger. */
const MAX_DIGITS = 1000;
const MAX_EXPONENT = 1000;

function writeHeader(out: Parameters<FieldEncoder>[3], ndigits: number, weight: number, sign: number, dscale: number): void {
  out.int32(8 + 2 * ndigits);
  out.int16(ndigits);
  out.int16(weight);
  out.int16(sign);
  out.int16(dscale);
}

/**
 * numeric in numeric_recv's format: base-10000 digits with a weight (the
 * power of 10000 of the first digit), a sign, and the display scale, which
 * numeric_in sets to the number of digits after the point minus the exponent
 * (at least 0). The column's typmod (numeric(p,s)) is applied by
 * PostgreSQL on receipt, as it is after numeric_in.
 */
export const encodeNumeric: FieldEncoder = (src, start, end, out) => {
  const n = end - start;
  if (n === 3 && isAsciiWord(src, start, end, 'nan')) return writeHeader(out, 0, 0, NUMERIC_NAN, 0), true;
  if (n === 8 && isAsciiWord(src, start, end, 'infinity')) return writeHeader(out, 0, 0, NUMERIC_PINF, 0), true;
  if (n === 9 && (src[start] === 0x2b || src[start] === 0x2d) && isAsciiWord(src, start + 1, end, 'infinity')) {
    return writeHeader(out, 0, 0, src[start] === 0x2d ? NUMERIC_NINF : NUMERIC_PINF, 0), true;
  }
  if (n > MAX_DIGITS) return false;
  const d = readDecimal(src, start, end, 4);
  if (!d || Math.abs(d.exponent) > MAX_EXPONENT) return false;
  const dscale = Math.max(0, d.fracEnd - d.fracStart - d.exponent);
  // the significant decimal digits, and the power of ten of the first one
  const digits: number[] = [];
  for (let i = d.intStart; i < d.intEnd; i++) if (digits.length || src[i] !== 0x30) digits.push(src[i] - 0x30);
  let firstPower: number;
  if (digits.length) {
    firstPower = digits.length - 1 + d.exponent;
    for (let i = d.fracStart; i < d.fracEnd; i++) digits.push(src[i] - 0x30);
  } else {
    let zerosAfterPoint = 0;
    for (let i = d.fracStart; i < d.fracEnd; i++) {
      if (digits.length || src[i] !== 0x30) digits.push(src[i] - 0x30);
      else zerosAfterPoint++;
    }
    firstPower = -1 - zerosAfterPoint + d.exponent;
  }
  while (digits.length && digits[digits.length - 1] === 0) digits.pop();
  if (!digits.length) return writeHeader(out, 0, 0, NUMERIC_POS, dscale), true;
  // group into base-10000 digits aligned on the point
  const weight = Math.floor(firstPower / 4);
  const pad = 4 * weight + 3 - firstPower; // zeros in front of the first decimal digit within its group
  const total = pad + digits.length;
  const ndigits = Math.ceil(total / 4);
  writeHeader(out, ndigits, weight, d.negative ? NUMERIC_NEG : NUMERIC_POS, dscale);
  for (let g = 0; g < ndigits; g++) {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const idx = g * 4 + k - pad;
      v = v * 10 + (idx >= 0 && idx < digits.length ? digits[idx] : 0);
    }
    out.int16(v);
  }
  return true;
};
