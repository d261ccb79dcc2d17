import { Composer, CST, Lexer, LineCounter, Parser, YAMLParseError, type Document } from 'yaml';

/**
 * Collections nested deeper than this are refused before the YAML tree is
 * built: building it and reading it are recursive, and no flow needs more
 * than a dozen levels.
 */
export const MAX_YAML_DEPTH = 100;

export interface YamlProblem {
  code: string;
  params: Record<string, string>;
  /** Offset in the source. */
  offset: number;
}

export interface ReadYaml {
  /** The document, or null when the text is too deeply nested to build it safely. */
  doc: Document.Parsed | null;
  lineCounter: LineCounter;
  /** Problems found before the document was built (nesting). */
  problems: YamlProblem[];
}

/**
 * Reads YAML text into one document with node positions, as parseDocument
 * does, but checks the nesting of the concrete syntax tree first (that pass
 * is iterative), and leaves duplicate keys to inspectYamlTree.ts, which finds
 * them in linear time (the yaml library's own check compares every key of a
 * map with every other).
 */
export function readYaml(source: string): ReadYaml {
  // lines counted from the text itself: the parser does not report the line breaks inside
  // tokens it cannot place (`Unexpected scalar`), and columns would run past their line
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  const refuse = (offset: number): ReadYaml => ({ doc: null, lineCounter, problems: [{ code: 'yaml-too-deep', params: { max: String(MAX_YAML_DEPTH) }, offset }] });
  let tokens: CST.Token[];
  try {
    tokens = [...new Parser().parse(source)];
  } catch (e) {
    // the yaml library's parser recurses once per level it closes: thousands of levels
    // exhaust the stack; find where the nesting passes the limit with a flat reading
    if (e instanceof RangeError) return refuse(firstTooDeep(source));
    throw e;
  }
  const deep = tooDeep(tokens);
  if (deep !== null) return refuse(deep);
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  let doc: Document.Parsed | null = null;
  for (const next of composer.compose(tokens, true, source.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  return { doc, lineCounter, problems: [] };
}

/** Offset of the first collection nested deeper than MAX_YAML_DEPTH, or null. */
function tooDeep(tokens: CST.Token[]): number | null {
  const stack: [CST.Token, number][] = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push([tokens[i], 0]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const d = depth + 1;
        if (d > MAX_YAML_DEPTH) return token.offset;
        const items = token.items as { key?: CST.Token | null; value?: CST.Token | null }[];
        for (let j = items.length - 1; j >= 0; j--) {
          const { key, value } = items[j];
          if (value) stack.push([value, d]);
          if (key) stack.push([key, d]);
        }
        break;
      }
      default:
        break;
    }
  }
  return null;
}

/** Markers the yaml lexer inserts, which are not characters of the source. */
const LEXER_MARKERS = new Set(['\u0002', '\u0018', '\u001f', '\ufeff']);
const CONTENT_START = new Set(['seq-item-ind', 'explicit-key-ind']);

/**
 * Where the text first nests deeper than MAX_YAML_DEPTH, read from the
 * lexer's tokens alone (linear, no recursion): block collections by their
 * indentation (each deeper column still open is a level, `- - x` included),
 * flow collections by their brackets. A map and a list at the same column
 * count once, so this is where the nesting passes the limit at the latest.
 */
function firstTooDeep(source: string): number {
  const columns: number[] = [];
  let flow = 0;
  let offset = 0;
  let column = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(source)) {
    if (LEXER_MARKERS.has(token)) continue;
    const type = CST.tokenType(token);
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0) flow--;
    else if (flow === 0 && type !== 'space' && type !== 'newline' && type !== 'comment' && (lineStart || CONTENT_START.has(type as string))) {
      while (columns.length && columns[columns.length - 1] > column) columns.pop();
      if (!columns.length || columns[columns.length - 1] < column) columns.push(column);
    }
    if (columns.length + flow > MAX_YAML_DEPTH) return offset;
    const nl = token.lastIndexOf('\n');
    if (nl >= 0) {
      column = token.length - nl - 1;
      lineStart = /^[ \t]*$/.test(token.slice(nl + 1));
    } else {
      column += token.length;
      if (type !== 'space') lineStart = false;
    }
    offset += token.length;
  }
  return 0;
}
