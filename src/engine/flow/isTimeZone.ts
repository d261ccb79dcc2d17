/**
 * Whether Java's `ZoneId.of` would accept this zone: an IANA region id
 * (`Europe/Paris`), `UTC`/`GMT`/`Z`, or a fixed offset (`+02:00`, `UTC+2`).
 */
export function isTimeZone(zone: string): boolean {
  if (/^(Z|UTC|GMT|UT)$/.test(zone)) return true;
  if (/^(UTC|GMT|UT)?[+-]\d{1,2}(:?\d{2}(:?\d{2})?)?$/.test(zone)) return true;
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(zone)) return false;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    // Intl ignores case and maps aliases (US/Eastern); Java region ids are case-sensitive
    return resolved === zone || resolved.toLowerCase() !== zone.toLowerCase();
  } catch {
    return false;
  }
}
