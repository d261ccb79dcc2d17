/**
 * PGlite type parsers that give JSON-friendly values, like Kestra's
 * PostgresCellConverter once its outputs are serialised: timestamps become
 * ISO strings (`2019-01-01T00:00:05` without a zone, `…Z`/`…+02:00` with
 * one), dates `yyyy-MM-dd`, numeric and bigint become numbers (bigints that
 * do not fit a double stay strings), json/jsonb are parsed.
 */
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const DATE = 1082;
const NUMERIC = 1700;
const INT8 = 20;
const MONEY = 790;

export function isoTimestamp(text: string): string {
  const m = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(?:([+-]\d\d)(?::(\d\d))?(?::\d\d)?)?$/.exec(text);
  if (!m) return text;
  const [, date, time, hours, minutes] = m;
  if (!hours) return `${date}T${time}`;
  const mm = minutes ?? '00';
  return `${date}T${time}${hours === '+00' && mm === '00' ? 'Z' : `${hours}:${mm}`}`;
}

function toNumber(text: string): number | string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  return Number.isSafeInteger(n) || !/^-?\d+$/.test(text) ? n : text;
}

export const KESTRA_PARSERS: Record<number, (value: string) => unknown> = {
  [TIMESTAMP]: (v) => isoTimestamp(v),
  [TIMESTAMPTZ]: (v) => isoTimestamp(v),
  [DATE]: (v) => v,
  [NUMERIC]: (v) => toNumber(v),
  [INT8]: (v) => toNumber(v),
  [MONEY]: (v) => v,
};
