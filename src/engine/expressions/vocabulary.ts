import { FILTERS } from './filters';
import { FUNCTION_NAMES } from './functions';
import { PEBBLE_TESTS } from './pebbleTests';
import type { Vocabulary } from './pebble/parseExpression';

/** The filters, functions and tests a template may use. */
export const VOCABULARY: Vocabulary = {
  filters: new Set(Object.keys(FILTERS)),
  functions: new Set(FUNCTION_NAMES),
  tests: new Set(Object.keys(PEBBLE_TESTS)),
};
