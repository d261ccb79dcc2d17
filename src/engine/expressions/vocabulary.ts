import { FILTERS } from './filters';
import { FUNCTION_NAMES } from './functions';
import { PEBBLE_TESTS } from './pebbleTests';
import type { Vocabulary } from './pebble/parseExpression';

/** The filters, functions and tests a template may use. */
export const VOCABULARY: Vocabulary = {
  filters: new Set(Object.keys(FILTERS)),
  // `block('name')` is answered by the interpreter itself (it renders one of the template's blocks again)
  functions: new Set([...FUNCTION_NAMES, 'block']),
  tests: new Set(Object.keys(PEBBLE_TESTS)),
};
