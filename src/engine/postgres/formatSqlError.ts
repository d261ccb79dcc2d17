import { SqlError } from './SqlError';

interface PgErrorFields {
  message?: string;
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
}

/** Line and column (1-based) of a 1-based character position inside `text`. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, position - 1));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Turns an error thrown by Postgres into the message a task fails with:
 * Postgres's own text (as the JDBC driver prints it), the SQLSTATE, and the
 * statement with a caret under the position Postgres reported.
 */
export function formatSqlError(error: unknown, statement: string, context?: string): SqlError {
  const e = (error ?? {}) as PgErrorFields;
  const message = e.message || String(error);
  const severity = e.severity || 'ERROR';
  const code = e.code ?? null;
  const position = e.position ? Number(e.position) : null;
  const out: string[] = [`${severity}: ${message}`];
  if (e.detail) out.push(`  Detail: ${e.detail}`);
  if (e.hint) out.push(`  Hint: ${e.hint}`);
  if (e.where) out.push(`  Where: ${e.where}`);
  if (code) out.push(`  SQLSTATE: ${code}`);
  const stmt = statement.replace(/^\s*\n/, '');
  const offset = statement.length - stmt.length;
  out.push(`  Statement: ${abbreviate(stmt.trim()).replace(/\n/g, '\n    ')}`);
  if (position !== null && Number.isFinite(position)) {
    const { line, column } = lineAndColumn(stmt, position - offset);
    const text = stmt.split('\n')[line - 1] ?? '';
    out.push(`  Position: ${position} (line ${line}, column ${column})`);
    out.push(`    ${text}`);
    out.push(`    ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  if (context) out.push(`  ${context}`);
  return new SqlError(out.join('\n'), code, statement, position);
}

function abbreviate(s: string, max = 400): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}
