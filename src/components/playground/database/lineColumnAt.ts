export interface SqlLocation {
  /** 1-based line and column of the position. */
  line: number;
  column: number;
  /** The text of that line, for showing a caret under the column. */
  lineText: string;
}

/**
 * Where a Postgres error position (1-based character offset into the SQL
 * text) falls: line, column and the line's text. Out-of-range positions are
 * clamped to the text.
 */
export function lineColumnAt(sql: string, position: number): SqlLocation {
  const chars = Array.from(sql);
  const index = Math.min(Math.max(Math.floor(position) - 1, 0), chars.length);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (chars[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = chars.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = chars.length;
  const lineText = chars.slice(lineStart, lineEnd).join('').replace(/\r$/, '');
  return { line, column: index - lineStart + 1, lineText };
}
