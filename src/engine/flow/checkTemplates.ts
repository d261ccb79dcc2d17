import { checkTemplate } from '../expressions/checkTemplate';
import type { FlowPath } from './FlowError';
import type { Problems } from './Problems';

/**
 * Checks one template string (unknown filters or functions, syntax errors).
 * Returns null when fine, else a short English detail.
 */
export type TemplateCheck = (template: string) => string | null;

/** Keys whose values are never rendered. */
const NOT_TEMPLATES = new Set(['id', 'type', 'namespace']);

/**
 * Runs a template check on every string of the flow that holds `{{` or `{%`,
 * and reports each problem at that string (code `expression`) as a warning:
 * Kestra saves such a flow and fails the task that renders the string at run
 * time, which this engine does too.
 */
export function checkTemplates(value: unknown, path: FlowPath, check: TemplateCheck, problems: Problems): void {
  if (typeof value === 'string') {
    if (!value.includes('{{') && !value.includes('{%')) return;
    const detail = check(value);
    if (detail) problems.warn('expression', path, { property: String(path[path.length - 1] ?? ''), detail });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkTemplates(v, [...path, i], check, problems));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!NOT_TEMPLATES.has(k)) checkTemplates(v, [...path, k], check, problems);
  }
}

/** The engine's own template check (expressions/checkTemplate.ts), as a TemplateCheck. */
export const engineTemplateCheck: TemplateCheck = (template) => {
  const problems = checkTemplate(template);
  return problems.length ? problems.map((p) => p.message).join('; ') : null;
};
