import type { Flow } from './Flow';
import type { FlowError, FlowPath } from './FlowError';
import { createLocator, type Position, type Target } from './createLocator';
import { formatMessage } from './errorMessages';
import { inspectYamlTree } from './inspectYamlTree';
import { clip, withMessage } from './Problems';
import { readYaml, type YamlProblem } from './readYaml';
import { createUnclosedFinder } from './unclosedOpening';
import { validateFlow, type ValidateOptions } from './validateFlow';

export interface ParsedFlow {
  /** The flow as plain data; present when the YAML parsed into a map. */
  flow: Flow | null;
  /** Every problem that stops the flow from running, YAML syntax and Kestra's rules together, in source order. */
  errors: FlowError[];
  /** What Kestra accepts but will fail or differ at run time (see FlowError.severity), in source order. */
  warnings: FlowError[];
  /** Line and column (1-based) of the node at a path, for errors found later. */
  locate(path: FlowPath, target?: Target): Position;
  source: string;
}

/** YAML problems after which the document is still a faithful reading of the text. */
const SOFT_YAML_CODES = new Set(['DUPLICATE_KEY']);

/**
 * How many errors (and, apart, warnings) one parse reports; past it, one
 * `too-many-problems` line says how many more there are. A flow with 50,000
 * unknown keys needs its first screen of errors, not 50,000 editor marks.
 */
export const MAX_REPORTED_PROBLEMS = 200;

/**
 * Parses and validates a flow's YAML. Never throws on bad input: every
 * problem, however hostile the text (alias bombs, deep nesting, huge maps),
 * comes back as a located error, in time linear in the size of the text.
 */
export function parseFlow(source: string, options: ValidateOptions = {}): ParsedFlow {
  try {
    return parseFlowUnguarded(source, options);
  } catch (e) {
    // a bug, not bad input: still a located message, never a stack trace in the editor
    const detail = clip(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    const params = { detail };
    const error: FlowError = { code: 'validator-crash', params, message: formatMessage('validator-crash', params, 'en'), line: 1, column: 1, path: '' };
    return { flow: null, errors: [error], warnings: [], locate: () => ({ line: 1, column: 1 }), source };
  }
}

function parseFlowUnguarded(source: string, options: ValidateOptions): ParsedFlow {
  const { doc, lineCounter, problems: readProblems } = readYaml(source);
  const locate = createLocator(doc?.contents ?? null, lineCounter);
  const errors: FlowError[] = [];
  const warnings: FlowError[] = [];
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, source.length)));
    return { line: p.line, column: p.col };
  };
  const problem = (p: YamlProblem): FlowError => {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.params)) params[k] = clip(v);
    return { code: p.code, params, message: formatMessage(p.code, params, 'en'), ...at(p.offset), path: '' };
  };
  const result = (flow: Flow | null): ParsedFlow => ({ flow, errors: capped(sorted(errors)), warnings: capped(sorted(warnings)), locate, source });

  for (const p of readProblems) errors.push(problem(p));
  if (!doc) return result(null);

  const unclosed = createUnclosedFinder(source);
  const reported = new Set<string>();
  for (const err of preferredYamlErrors(doc.errors)) {
    const detail = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const opening = unclosed(detail, err.pos[0]);
    const yamlCode = opening === null ? err.code : /quote/.test(detail) ? 'UNCLOSED_QUOTE' : 'UNCLOSED_BRACKET';
    const offset = opening ?? err.pos[0];
    if (reported.has(`${yamlCode}@${offset}`)) continue; // two errors about the same opening: one is enough
    reported.add(`${yamlCode}@${offset}`);
    errors.push(problem({ code: 'yaml', params: { yamlCode, detail }, offset }));
  }
  const tree = inspectYamlTree(doc);
  for (const p of tree.errors) errors.push(problem(p));
  for (const p of tree.warnings) warnings.push({ ...problem(p), severity: 'warning' });

  if (!tree.convertible || errors.some((e) => e.code !== 'yaml' || !SOFT_YAML_CODES.has(e.params.yamlCode))) return result(null);
  const data = tree.toData();
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    errors.push({ code: 'not-a-map', params: {}, message: formatMessage('not-a-map', {}, 'en'), line: 1, column: 1, path: '' });
    return result(null);
  }
  const flow = data as Flow;
  for (const p of validateFlow(flow, locate, options)) (p.severity === 'warning' ? warnings : errors).push(p);
  return result(flow);
}

/** One error per position: the yaml library often reports two for one mistake. */
function preferredYamlErrors<E extends { code: string; pos: [number, number] }>(errors: E[]): E[] {
  const rank = (code: string) => ['TAB_AS_INDENT', 'BAD_INDENT', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR'].indexOf(code) >>> 0;
  const byPos = new Map<number, E>();
  for (const e of errors) {
    const prev = byPos.get(e.pos[0]);
    if (!prev || rank(e.code) < rank(prev.code)) byPos.set(e.pos[0], e);
  }
  return [...byPos.values()];
}

function sorted(errors: FlowError[]): FlowError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The first MAX_REPORTED_PROBLEMS, then one line for the rest, where the first of them is. */
function capped(list: FlowError[]): FlowError[] {
  if (list.length <= MAX_REPORTED_PROBLEMS) return list.map(withMessage);
  const rest = list[MAX_REPORTED_PROBLEMS];
  const params = { count: (list.length - MAX_REPORTED_PROBLEMS).toLocaleString('en-US') };
  const more: FlowError = { code: 'too-many-problems', params, message: formatMessage('too-many-problems', params, 'en'), line: rest.line, column: rest.column, path: '' };
  if (rest.severity) more.severity = rest.severity;
  return [...list.slice(0, MAX_REPORTED_PROBLEMS).map(withMessage), more];
}
