import { assertPresent, isMissing } from '../Missing';
import { stringify } from '../sandboxRuntime';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

/** Every filter refuses a missing value, as Kestra's strict rendering does. */
function strict(fn: Filter): Filter {
  return (value, ...args) => {
    assertPresent(value);
    args.forEach(assertPresent);
    return fn(value, ...args);
  };
}

const str = (v: unknown) => stringify(v);

/** Pebble's filters as Kestra flows use them, by name. */
export const FILTERS: Record<string, Filter> = {
  default: (value, fallback) =>
    isMissing(value) || value === null || value === undefined || value === '' ? fallback : value,
  upper: strict((v) => str(v).toUpperCase()),
  lower: strict((v) => str(v).toLowerCase()),
  trim: strict((v) => str(v).trim()),
  length: strict((v) => {
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    if (v && typeof v === 'object') return Object.keys(v).length;
    return 0;
  }),
  json: strict((v) => JSON.stringify(v)),
  toJson: strict((v) => JSON.stringify(v)),
};
