import { parseTemplate } from './pebble/parseTemplate';
import { protectRaw } from './pebble/rawBlocks';
import { VOCABULARY } from './vocabulary';

export interface TemplateProblem {
  message: string;
  /** Offset in the template string where the problem is, when known. */
  offset?: number;
}

/**
 * Checks a template without rendering it: syntax errors, unknown filters,
 * functions and tests, unsupported tags, unclosed blocks. Returns no problems
 * for a valid template (or a string with no `{{`/`{%`/`{#`).
 */
export function checkTemplate(template: string): TemplateProblem[] {
  if (!/\{[{%#]/.test(template)) return [];
  const { errors } = parseTemplate(protectRaw(template).text, VOCABULARY);
  return errors.map((e) => ({ message: e.message, offset: e.offset }));
}
