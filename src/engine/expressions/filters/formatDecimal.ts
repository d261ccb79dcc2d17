import { ExpressionError } from '../ExpressionError';

/**
 * java.text.DecimalFormat for the patterns flows use with numberFormat:
 * `0` a required digit, `#` an optional one, `,` grouping (the size is the
 * digits after the last comma), `.` the decimal point, a literal prefix or
 * suffix around them (`%` multiplies by 100); rounding HALF_EVEN, as
 * DecimalFormat's default. Scientific and per-mille patterns are refused.
 */
export function formatDecimal(value: number, pattern: string): string {
  const positive = pattern.split(';')[0];
  const m = /^([^#0,.]*)([#0,]*)(?:\.([#0]*))?([^#0,.]*)$/.exec(positive);
  if (!m || /[E‰¤]/.test(positive)) throw new ExpressionError(`numberFormat: unsupported pattern \`${pattern}\``);
  const [, prefix, intPart, fracPart = '', suffix] = m;
  const percent = (prefix + suffix).includes('%');
  const n = percent ? value * 100 : value;
  const minInt = (intPart.match(/0/g) ?? []).length;
  const lastComma = intPart.lastIndexOf(',');
  const grouping = lastComma >= 0 ? intPart.length - lastComma - 1 : 0;
  const minFrac = (fracPart.match(/0/g) ?? []).length;
  const maxFrac = fracPart.length;
  const rounded = roundHalfEven(Math.abs(n), maxFrac);
  let [intDigits, fracDigits = ''] = rounded.split('.');
  fracDigits = fracDigits.replace(/0+$/, '');
  while (fracDigits.length < minFrac) fracDigits += '0';
  if (intDigits === '0' && minInt === 0 && (fracDigits.length > 0 || intPart.length === 0)) intDigits = '';
  while (intDigits.length < minInt) intDigits = '0' + intDigits;
  if (grouping > 0) intDigits = intDigits.replace(new RegExp(`\\B(?=(\\d{${grouping}})+$)`, 'g'), ',');
  const body = intDigits + (fracDigits ? '.' + fracDigits : '');
  const negative = n < 0 && /[1-9]/.test(body);
  return (negative ? '-' : '') + prefix.replace(/'/g, '') + (body || '0') + suffix.replace(/'/g, '');
}

/** `x` rounded to `digits` decimals, half to even, as a plain decimal string. */
function roundHalfEven(x: number, digits: number): string {
  const fixed = x.toFixed(Math.min(100, digits + 3));
  const [i, f = ''] = fixed.split('.');
  const keep = f.slice(0, digits);
  const rest = f.slice(digits);
  let digitsStr = i + keep;
  const first = rest.charCodeAt(0) - 48;
  const tail = rest.slice(1).replace(/0+$/, '');
  const last = Number(digitsStr[digitsStr.length - 1] ?? 0);
  const up = first > 5 || (first === 5 && (tail.length > 0 || last % 2 === 1));
  if (up) {
    const arr = digitsStr.split('').map(Number);
    let k = arr.length - 1;
    while (k >= 0) {
      if (arr[k] === 9) {
        arr[k] = 0;
        k--;
      } else {
        arr[k]++;
        break;
      }
    }
    if (k < 0) arr.unshift(1);
    digitsStr = arr.join('');
  }
  const intLen = digitsStr.length - digits;
  return digits ? `${digitsStr.slice(0, intLen) || '0'}.${digitsStr.slice(intLen)}` : digitsStr;
}
