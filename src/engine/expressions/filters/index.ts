import { assertPresent } from '../Missing';
import { COLLECTION_FILTERS } from './collectionFilters';
import { DATE_FILTERS } from './dateFilters';
import type { Filter } from './Filter';
import { STRING_FILTERS } from './stringFilters';

/** Filters that accept an undefined value instead of failing (Pebble's `default`). */
const LENIENT = new Set(['default']);

/** Every other filter refuses an undefined value, as Kestra's strict rendering does. */
function strict(fn: Filter): Filter {
  return (value, ...args) => {
    assertPresent(value);
    return fn(value, ...args);
  };
}

const ALL: Record<string, Filter> = { ...STRING_FILTERS, ...COLLECTION_FILTERS, ...DATE_FILTERS };

/** Pebble's and Kestra's filters, by name. */
export const FILTERS: Record<string, Filter> = Object.fromEntries(
  Object.entries(ALL).map(([name, fn]) => [name, LENIENT.has(name) ? fn : strict(fn)]),
);

export type { Filter };
