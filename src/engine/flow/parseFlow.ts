import { isMap, isScalar, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { Flow } from './Flow';
import type { FlowError, FlowPath } from './FlowError';
import { createLocator, type Position, type Target } from './createLocator';
import { formatMessage } from './errorMessages';
import { unclosedOpening } from './unclosedOpening';
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

/** Parses and validates a flow's YAML. Never throws on bad input. */
export function parseFlow(source: string, options: ValidateOptions = {}): ParsedFlow {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const locate = createLocator(doc.contents, lineCounter);
  const errors: FlowError[] = [];
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const add = (code: string, params: Record<string, string>, pos: Position, path = '') =>
    errors.push({ code, params, message: formatMessage(code, params, 'en'), ...pos, path });

  for (const err of preferredYamlErrors(doc.errors)) {
    const detail = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const opening = unclosedOpening(source, detail);
    const yamlCode = opening === null ? err.code : /quote/.test(detail) ? 'UNCLOSED_QUOTE' : 'UNCLOSED_BRACKET';
    add('yaml', { yamlCode, detail }, at(opening ?? err.pos[0]));
  }
  // `message: {{ inputs.x }}` is valid YAML (a map inside a map), never what was meant
  visit(doc, {
    Map(_, node) {
      const first = node.items[0];
      if (node.flow && node.items.length === 1 && isMap(first.key) && (first.value === null || (isScalar(first.value) && first.value.value === null))) {
        const inner = (first.key as Node & { items: { key: unknown }[] }).items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).join(', ');
        add('unquoted-expression', { expression: inner.trim() }, at(node.range?.[0] ?? 0));
        return visit.SKIP;
      }
      return undefined;
    },
  });

  if (errors.some((e) => e.code !== 'yaml' || !SOFT_YAML_CODES.has(e.params.yamlCode))) {
    return { flow: null, errors: sorted(errors), warnings: [], locate, source };
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    add('not-a-map', {}, { line: 1, column: 1 });
    return { flow: null, errors, warnings: [], locate, source };
  }
  const flow = data as Flow;
  const problems = validateFlow(flow, locate, options);
  errors.push(...problems.filter((p) => p.severity !== 'warning'));
  return { flow, errors: sorted(errors), warnings: sorted(problems.filter((p) => p.severity === 'warning')), locate, source };
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
