import { closest } from './closest';
import { formatMessage } from './errorMessages';
import { formatPath, type FlowError, type FlowPath } from './FlowError';
import type { Locate, Target } from './createLocator';

/** How many problems get a "did you mean" suggestion (see Problems.suggest). */
export const SUGGESTED_PROBLEMS = 500;

/** Collects flow errors, each located in the source and worded in English. */
export class Problems {
  readonly errors: FlowError[] = [];

  constructor(private readonly locate: Locate) {}

  /**
   * The nearest of `candidates` to a misspelt name, for a "did you mean"
   * (closest.ts). Past the first SUGGESTED_PROBLEMS problems no more are
   * computed: only the first screen of problems is shown, and a flow with
   * 50,000 unknown keys must not spend seconds on suggestions nobody reads.
   */
  suggest(word: string, candidates: readonly string[]): string | undefined {
    if (this.errors.length >= SUGGESTED_PROBLEMS) return undefined;
    return closest(word, candidates) ?? undefined;
  }

  add(code: string, path: FlowPath, params: Record<string, string | number | undefined> = {}, target: Target = 'value'): void {
    this.errors.push(this.problem(code, path, params, target));
  }

  /** A problem Kestra itself accepts the flow with (see FlowError.severity). */
  warn(code: string, path: FlowPath, params: Record<string, string | number | undefined> = {}, target: Target = 'value'): void {
    this.errors.push({ ...this.problem(code, path, params, target), severity: 'warning' });
  }

  private problem(code: string, path: FlowPath, params: Record<string, string | number | undefined>, target: Target): FlowError {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = clip(String(v));
    const { line, column } = this.locate(path, target);
    // the English message is written by parseFlow for the problems it reports (withMessage):
    // a flow with 50,000 problems reports 200
    return { code, params: clean, message: '', line, column, path: formatPath(path) };
  }
}

/** The problem with its English message, written now if it has none yet. */
export function withMessage(problem: FlowError): FlowError {
  if (!problem.message) problem.message = formatMessage(problem.code, problem.params, 'en');
  return problem;
}

/** How much of a value one message quotes: a 1 MB id is shown by its start. */
export const MAX_PARAM_CHARS = 300;

/** A value cut to MAX_PARAM_CHARS, with an ellipsis when cut. */
export function clip(text: string): string {
  return text.length > MAX_PARAM_CHARS ? `${text.slice(0, MAX_PARAM_CHARS - 1)}…` : text;
}

/** A short, readable rendering of any YAML value for messages. */
export function show(value: unknown): string {
  if (typeof value === 'string') return clip(value);
  try {
    return clip(JSON.stringify(value) ?? String(value));
  } catch {
    return clip(String(value));
  }
}

export const isMapValue = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
export const isExpression = (v: unknown): boolean => typeof v === 'string' && /\{\{|\{%/.test(v);
