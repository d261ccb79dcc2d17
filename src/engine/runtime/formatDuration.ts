/** java.time.Duration#toString: `PT15S`, `PT1M`, `PT1H30M`, `PT0.25S`, `PT48H`. */
export function javaDurationString(ms: number): string {
  if (ms === 0) return 'PT0S';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  let out = 'PT';
  if (h) out += `${sign}${h}H`;
  if (m) out += `${sign}${m}M`;
  if (rest) {
    const s = Math.floor(rest / 1000);
    const frac = rest % 1000;
    out += `${sign}${s}${frac ? '.' + String(frac).padStart(3, '0').replace(/0+$/, '') : ''}S`;
  }
  return out;
}

/** Kestra's timeout message format (DurationFormatUtils HMS): `00:01:00.000`. */
export function hmsDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const f = ms % 1000;
  const p = (x: number, n = 2) => String(x).padStart(n, '0');
  return `${p(h)}:${p(m)}:${p(s)}.${p(f, 3)}`;
}
