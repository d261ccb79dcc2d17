import nunjucks from 'nunjucks';
import { translateTemplate } from './pebble/translateTemplate';
import { VOCABULARY } from './vocabulary';

export interface TemplateProblem {
  message: string;
  /** Offset in the template string where the problem is, when known. */
  offset?: number;
}

/**
 * Checks a template without rendering it: syntax errors, unknown filters,
 * functions and tests, unsupported tags, unbalanced `{% if %}`/`{% for %}`.
 * Returns no problems for a valid template (or a string with no `{{`/`{%`).
 */
export function checkTemplate(template: string): TemplateProblem[] {
  if (!/\{[{%#]/.test(template)) return [];
  const { source, errors } = translateTemplate(template, VOCABULARY);
  if (errors.length) return errors.map((e) => ({ message: e.message, offset: e.offset }));
  try {
    (nunjucks as unknown as { parser: { parse(src: string): unknown } }).parser.parse(source);
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    return [{ message: raw.replace(/^\(unknown path\)\s*(\[Line \d+, Column \d+\])?\s*/s, '').replace(/^\s*Error:\s*/, '').trim() }];
  }
  return [];
}
