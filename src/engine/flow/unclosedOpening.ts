import { Parser, type CST } from 'yaml';

/** Finds where the quote or bracket opens that a yaml error says is never closed; null when none. */
export type UnclosedFinder = (message: string, errorOffset: number) => number | null;

/**
 * Where unclosed quotes and brackets open. The yaml library reports "Missing
 * closing quote" and "must end with a ]" where the text ends, often lines
 * below the mistake; a learner needs the line where the quote or bracket
 * starts. The concrete syntax tree is walked once (without recursion) for
 * every quoted scalar and flow collection that never closes; each error then
 * gets the last such opening before it (the first one when none is before).
 * A text with thousands of unclosed quotes costs one walk, not one per error.
 */
export function createUnclosedFinder(source: string): UnclosedFinder {
  let openings: Record<string, number[]> | null = null;
  return (message, errorOffset) => {
    const quote = /Missing closing (["'])quote/.exec(message)?.[1];
    const bracket = /end with a ([\]}])/.exec(message)?.[1];
    const kind = quote ?? bracket;
    if (!kind) return null;
    openings ??= findOpenings(source);
    const list = openings[kind];
    if (!list.length) return null;
    return lastAtOrBefore(list, errorOffset) ?? list[0];
  };
}

function findOpenings(source: string): Record<string, number[]> {
  const out: Record<string, number[]> = { '"': [], "'": [], ']': [], '}': [] };
  let tokens: CST.Token[];
  try {
    tokens = [...new Parser().parse(source)];
  } catch {
    return out; // nested past the parser's stack: readYaml reports that
  }
  const stack: CST.Token[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push(tokens[i]);
  const push = (t: CST.Token | null | undefined) => {
    if (t) stack.push(t);
  };
  while (stack.length) {
    const token = stack.pop()!;
    switch (token.type) {
      case 'double-quoted-scalar':
      case 'single-quoted-scalar': {
        const q = token.type === 'double-quoted-scalar' ? '"' : "'";
        if (!closes(token.source, q)) out[q].push(token.offset);
        break;
      }
      case 'flow-collection': {
        const close = token.start.source === '[' ? ']' : '}';
        if (!token.end.some((t) => t.source === close)) out[close].push(token.start.offset);
        for (let j = token.items.length - 1; j >= 0; j--) {
          push(token.items[j].value);
          push(token.items[j].key);
        }
        break;
      }
      case 'block-map':
      case 'block-seq': {
        const items = token.items as { key?: CST.Token | null; value?: CST.Token | null }[];
        for (let j = items.length - 1; j >= 0; j--) {
          push(items[j].value);
          push(items[j].key);
        }
        break;
      }
      case 'document':
        push(token.value);
        break;
      default:
        break;
    }
  }
  for (const list of Object.values(out)) list.sort((a, b) => a - b);
  return out;
}

/** The last value of a sorted list at or before `offset`, or null. */
function lastAtOrBefore(sorted: number[], offset: number): number | null {
  let lo = 0;
  let hi = sorted.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= offset) {
      found = sorted[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function closes(text: string, quote: string): boolean {
  if (text.length < 2 || !text.endsWith(quote)) return false;
  if (quote === "'") return true;
  // a closing " must not be escaped
  let backslashes = 0;
  for (let i = text.length - 2; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}
