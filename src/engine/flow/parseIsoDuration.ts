import { javaDurationString } from '../runtime/formatDuration';

/**
 * Parses an ISO-8601 duration the way Java's `Duration.parse` does (what
 * Kestra uses for `timeout`, retry intervals and DURATION inputs): days,
 * hours, minutes and seconds only (`P2D`, `PT1H30M`, `PT0.5S`); years,
 * months and weeks are rejected. Returns milliseconds and Java's normal form
 * (`Duration.toString()`: `P1D` becomes `PT24H`), or null when invalid.
 */
export function parseIsoDuration(text: string): { ms: number; normalized: string } | null {
  const m = /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i.exec(text.trim());
  if (!m) return null;
  const [, sign, d, h, min, s, frac] = m;
  if (d === undefined && h === undefined && min === undefined && s === undefined) return null;
  if (/T$/i.test(text.trim())) return null;
  const fracNanos = frac ? Number(frac.padEnd(9, '0')) * (s?.startsWith('-') ? -1 : 1) : 0;
  let nanos =
    (BigInt(d ?? 0) * 86400n + BigInt(h ?? 0) * 3600n + BigInt(min ?? 0) * 60n + BigInt(s ?? 0)) * 1_000_000_000n + BigInt(fracNanos);
  if (sign === '-') nanos = -nanos;
  const ms = Number(nanos / 1_000_000n);
  return { ms, normalized: javaDurationString(ms) };
}
