/** Skips whitespace and SQL comments from `i`; returns the index of the next token. */
function skipNoise(sql: string, i: number): number {
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i])) i++;
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else return i;
  }
}

/**
 * dbt's inject_ctes_into_sql: the CTEs of ephemeral models go into the
 * model's own `with` (after `with` / `with recursive`), or a `with` is added
 * in front of its first token.
 */
export function injectCtes(sql: string, ctes: { id: string; sql: string }[]): string {
  if (!ctes.length) return sql;
  const joined = ctes.map((c) => c.sql).join(', ');
  const start = skipNoise(sql, 0);
  const first = /^[A-Za-z_]+/.exec(sql.slice(start, start + 16))?.[0]?.toLowerCase();
  if (first === 'with') {
    let after = start + 4;
    const next = skipNoise(sql, after);
    if (/^recursive\b/i.test(sql.slice(next, next + 10))) after = next + 'recursive'.length;
    return `${sql.slice(0, after)}${joined}, ${sql.slice(after).replace(/^\s*/, ' ')}`;
  }
  const lead = sql.slice(0, sql.length - sql.replace(/^\s+/, '').length);
  return `${lead}with${joined} ${sql.slice(lead.length)}`;
}
