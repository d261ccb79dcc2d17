/**
 * Splits a Queries task's rendered SQL the way Kestra's AbstractJdbcQueries
 * does: Java's `sql.split(";[^']")`. A semicolon followed by any character
 * other than a single quote ends a statement, and that following character is
 * swallowed with it. Java drops trailing empty pieces; we also skip pieces
 * that are only whitespace (the JDBC driver treats them as empty queries).
 * A final `;` with nothing after it stays attached to the last statement,
 * which Postgres accepts.
 */
export function splitQueries(sql: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < sql.length - 1; i++) {
    if (sql[i] === ';' && sql[i + 1] !== "'") {
      pieces.push(sql.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  pieces.push(sql.slice(start));
  return pieces.filter((p) => p.trim() !== '');
}
