import { formatMessage } from './errorMessages';
import { formatPath, type FlowError, type FlowPath } from './FlowError';
import type { Locate, Target } from './createLocator';

/** Collects flow errors, each located in the source and worded in English. */
export class Problems {
  readonly errors: FlowError[] = [];

  constructor(private readonly locate: Locate) {}

  add(code: string, path: FlowPath, params: Record<string, string | number | undefined> = {}, target: Target = 'value'): void {
    this.errors.push(this.problem(code, path, params, target));
  }

  /** A problem Kestra itself accepts the flow with (see FlowError.severity). */
  warn(code: string, path: FlowPath, params: Record<string, string | number | undefined> = {}, target: Target = 'value'): void {
    this.errors.push({ ...this.problem(code, path, params, target), severity: 'warning' });
  }

  private problem(code: string, path: FlowPath, params: Record<string, string | number | undefined>, target: Target): FlowError {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') clean[k] = String(v);
    const { line, column } = this.locate(path, target);
    return { code, params: clean, message: formatMessage(code, clean, 'en'), line, column, path: formatPath(path) };
  }
}

/** A short, readable rendering of any YAML value for messages. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export const isMapValue = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
export const isExpression = (v: unknown): boolean => typeof v === 'string' && /\{\{|\{%/.test(v);
