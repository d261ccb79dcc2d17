/**
 * Splits DuckDB SQL into statements at top-level semicolons, the way DuckDB's
 * parser does for a script: a `;` inside a '…' string (with '' escapes), a
 * "…" identifier, a $tag$…$tag$ string, a -- line comment or a /* *\/ block
 * comment does not end a statement. Pieces that are empty (or only comments)
 * are dropped; each statement keeps its text, without the semicolon.
 */
export function splitDuckDbSql(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  let meaningful = false;
  const push = (end: number) => {
    if (meaningful) out.push(sql.slice(start, end).trim());
    start = end + 1;
    meaningful = false;
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'" || c === '"') {
      meaningful = true;
      i++;
      while (i < sql.length) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) i += 2;
          else break;
        } else i++;
      }
      i++;
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      meaningful = true;
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? sql.length : end + tag.length;
    } else if (c === ';') {
      push(i);
      i++;
    } else {
      if (!/\s/.test(c)) meaningful = true;
      i++;
    }
  }
  push(sql.length);
  return out;
}

/** The statement's first keyword, upper-cased (`SELECT`, `WITH`, `INSTALL`, …), past comments and parentheses. */
export function leadingKeyword(statement: string): string {
  const s = statement.replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/|\()+/, '');
  return (/^[A-Za-z_]+/.exec(s)?.[0] ?? '').toUpperCase();
}

/** Statements that give a result set (JDBC's execute() returns true), as opposed to a count or nothing. */
export function returnsRows(statement: string): boolean {
  const k = leadingKeyword(statement);
  if (['SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE', 'SHOW', 'DESCRIBE', 'DESC', 'SUMMARIZE', 'PRAGMA', 'EXPLAIN', 'CALL', 'PIVOT', 'UNPIVOT'].includes(k)) return true;
  return ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(k) && /\bRETURNING\b/i.test(statement);
}
