import { Parser, type CST } from 'yaml';

/**
 * Where an unclosed quote or bracket opens. The yaml library reports
 * "Missing closing quote" and "must end with a ]" where the text ends, often
 * lines below the mistake; a learner needs the line where the quote or bracket
 * starts. Walks the concrete syntax tree for the quoted scalar or flow
 * collection that never closes; null when there is none.
 */
export function unclosedOpening(source: string, message: string): number | null {
  const wantQuote = /Missing closing (["'])quote/.exec(message)?.[1];
  const wantBracket = /end with a ([\]}])/.exec(message)?.[1];
  if (!wantQuote && !wantBracket) return null;
  let found: number | null = null;
  const visit = (token: CST.Token | undefined | null, depth: number): void => {
    if (!token || found !== null || depth > 200) return;
    switch (token.type) {
      case 'double-quoted-scalar':
      case 'single-quoted-scalar': {
        const q = token.type === 'double-quoted-scalar' ? '"' : "'";
        if (wantQuote === q && !closes(token.source, q)) found = token.offset;
        return;
      }
      case 'flow-collection': {
        const close = token.start.source === '[' ? ']' : '}';
        if (wantBracket === close && !token.end.some((t) => t.source === close)) {
          // an inner collection that is also unclosed is the one to report
          for (const item of token.items) visitItem(item, depth + 1);
          if (found === null) found = token.start.offset;
          return;
        }
        for (const item of token.items) visitItem(item, depth + 1);
        return;
      }
      case 'block-map':
      case 'block-seq':
        for (const item of token.items) visitItem(item, depth + 1);
        return;
      case 'document':
        visit(token.value, depth + 1);
        return;
      default:
        return;
    }
  };
  const visitItem = (item: { key?: CST.Token | null; value?: CST.Token | null }, depth: number) => {
    visit(item.key, depth);
    visit(item.value, depth);
  };
  try {
    for (const token of new Parser().parse(source)) visit(token, 0);
  } catch {
    return null;
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
