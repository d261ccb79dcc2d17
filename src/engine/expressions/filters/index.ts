import { COLLECTION_FILTERS } from './collectionFilters';
import { DATE_FILTERS } from './dateFilters';
import type { Filter } from './Filter';
import { STRING_FILTERS } from './stringFilters';
import { KESTRA_FILTERS } from './kestraFilters';

/**
 * Pebble's and Kestra's filters, by name. An undefined input never reaches a
 * filter: the interpreter fails first, except for `default`, which it gives null.
 */
export const FILTERS: Record<string, Filter> = { ...STRING_FILTERS, ...COLLECTION_FILTERS, ...DATE_FILTERS, ...KESTRA_FILTERS };

export type { Filter };
