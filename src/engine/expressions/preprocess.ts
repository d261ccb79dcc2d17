import { translateTemplate } from './pebble/translateTemplate';
import { VOCABULARY } from './vocabulary';

/**
 * Rewrites a Pebble template into nunjucks syntax (see
 * pebble/translateTemplate.ts); throws the first syntax error, located.
 */
export function preprocess(template: string): string {
  const { source, errors } = translateTemplate(template, VOCABULARY);
  if (errors.length) throw errors[0];
  return source;
}
