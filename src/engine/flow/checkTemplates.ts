import { checkTemplate } from '../expressions/checkTemplate';
import type { FlowPath } from './FlowError';
import type { Problems } from './Problems';

/**
 * Checks one template string (unknown filters or functions, syntax errors).
 * Returns null when fine, else a short English detail, or the details of the
 * first few problems and how many more there are.
 */
export type TemplateCheck = (template: string) => string | { detail: string; more: number } | null;

/** One string reports its first few problems and a count of the rest: a template with 20,000 mistakes is one short warning. */
export const MAX_TEMPLATE_PROBLEMS = 3;

/** Keys whose values are never rendered. */
const NOT_TEMPLATES = new Set(['id', 'type', 'namespace']);

/**
 * Runs a template check on every string of the flow that holds `{{` or `{%`,
 * and reports each problem at that string (code `expression`) as a warning:
 * Kestra saves such a flow and fails the task that renders the string at run
 * time, which this engine does too.
 */
export function checkTemplates(value: unknown, path: FlowPath, check: TemplateCheck, problems: Problems): void {
  // one path array, pushed and popped on the way (copied only for a problem): a flow of
  // 50,000 values does not allocate 50,000 paths
  const at: FlowPath = [...path];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('{{') && !v.includes('{%')) return;
      const found = check(v);
      if (!found) return;
      const { detail, more } = typeof found === 'string' ? { detail: found, more: 0 } : found;
      problems.warn('expression', [...at], { property: String(at[at.length - 1] ?? ''), detail, more: more > 0 ? more.toLocaleString('en-US') : undefined });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        at.push(i);
        walk(v[i]);
        at.pop();
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (NOT_TEMPLATES.has(k)) continue;
        at.push(k);
        walk((v as Record<string, unknown>)[k]);
        at.pop();
      }
    }
  };
  walk(value);
}

/** The engine's own template check (expressions/checkTemplate.ts), as a TemplateCheck. */
export const engineTemplateCheck: TemplateCheck = (template) => {
  const problems = checkTemplate(template);
  if (!problems.length) return null;
  const detail = problems.slice(0, MAX_TEMPLATE_PROBLEMS).map((p) => p.message).join('; ');
  return { detail, more: problems.length - Math.min(problems.length, MAX_TEMPLATE_PROBLEMS) };
};
