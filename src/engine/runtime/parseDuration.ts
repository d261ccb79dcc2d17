import { parseIsoDuration } from '../flow/parseIsoDuration';

export class DurationError extends Error {
  constructor(text: string) {
    super(`Invalid ISO-8601 duration \`${text}\`: expected something like PT30S, PT5M, PT1H30M or P1D`);
    this.name = 'DurationError';
  }
}

/**
 * Parses an ISO-8601 duration as Kestra (java.time.Duration) accepts it,
 * e.g. `PT15S`, `PT0.25S`, `PT1H30M`, `P1D`, `P1DT2H`, into milliseconds.
 * Throws a DurationError for anything else.
 */
export function parseDuration(text: string): number {
  const parsed = parseIsoDuration(text);
  if (!parsed) throw new DurationError(text);
  return parsed.ms;
}


/** Like parseDuration, for a property that may be missing. */
export function parseOptionalDuration(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return parseDuration(String(value));
}
