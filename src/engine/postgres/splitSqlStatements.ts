/**
 * Splits SQL typed by a person into statements at `;`, the way psql does:
 * semicolons inside quotes, quoted identifiers, dollar-quoted bodies and
 * comments do not split. Empty statements are dropped.
 */
export function splitSqlStatements(sql: string): string[] {
  return sqlStatementSpans(sql).map((s) => s.text);
}

/** The statements of `sql` (as splitSqlStatements) with where each, trimmed, starts in `sql` (UTF-16 index). */
export function sqlStatementSpans(sql: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      i++;
      while (i < n && !(sql[i] === c && sql[i + 1] !== c)) i += sql[i] === c ? 2 : 1;
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? n : end + tag[0].length;
      } else i++;
    } else if (c === ';') {
      out.push({ text: sql.slice(start, i), start });
      start = ++i;
    } else i++;
  }
  out.push({ text: sql.slice(start), start });
  return out
    .map((s) => ({ text: s.text.trim(), start: s.start + (s.text.length - s.text.trimStart().length) }))
    .filter((s) => s.text && !/^(--[^\n]*\n?\s*|\/\*[\s\S]*?\*\/\s*)+$/.test(s.text + '\n'));
}
