import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Flow } from './Flow';
import type { FlowError, FlowPath } from './FlowError';
import { validateFlow } from './validateFlow';

export interface ParsedFlow {
  /** The flow as plain data; present when the YAML parsed into a map. */
  flow: Flow | null;
  /** Every problem found, YAML syntax and Kestra's rules together. */
  errors: FlowError[];
  /** Line and column (1-based) of the node at a path, for errors found later. */
  locate(path: FlowPath): { line: number; column: number };
  source: string;
}

/** Parses and validates a flow's YAML. Never throws on bad input. */
export function parseFlow(source: string): ParsedFlow {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = (path: FlowPath) => locateIn(doc, lineCounter, path);
  const errors: FlowError[] = [];
  for (const err of doc.errors) {
    const pos = lineCounter.linePos(err.pos[0]);
    errors.push({
      code: 'yaml',
      message: yamlMessage(err.code, err.message),
      line: pos.line,
      column: pos.col,
      path: '',
    });
  }
  if (errors.length) return { flow: null, errors, locate, source };
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    errors.push({ code: 'type', message: 'A flow must be a YAML map with `id`, `namespace` and `tasks`', line: 1, column: 1, path: '' });
    return { flow: null, errors, locate, source };
  }
  const flow = data as Flow;
  errors.push(...validateFlow(flow, locate));
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { flow, errors, locate, source };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `YAML syntax error: ${first}${code === 'DUPLICATE_KEY' ? '' : ''}`;
}

function locateIn(doc: Document, lc: LineCounter, path: FlowPath): { line: number; column: number } {
  let node: unknown = doc.contents;
  let best: Node | null = (doc.contents as Node) ?? null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === seg);
      if (!pair) break;
      // point at the key when the value is missing, else at the value
      const value = pair.value as Node | null;
      best = (value && value.range ? value : (pair.key as Node)) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      best = item;
      node = item;
    } else break;
  }
  const offset = best?.range?.[0] ?? 0;
  const pos = lc.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Points at the key of a map entry (useful for "unknown property" errors). */
export function keyPath(path: FlowPath): FlowPath {
  return path;
}
