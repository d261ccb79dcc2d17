/**
 * dbt-postgres writes every relation as `"database"."schema"."name"`. The
 * profile's `dbname` (`postgres-zoomcamp`) names a PGlite database of its
 * own here, whose Postgres catalog is called `postgres`, so Postgres would
 * refuse the first part as a cross-database reference. This drops the first
 * part of three-part names whose database is the target's, outside string
 * literals, comments and dollar quotes: the compiled SQL dbt shows keeps the
 * database, the SQL sent to PGlite does not.
 */
export function physicalSql(sql: string, database: string): string {
  if (!sql.includes(database) && !sql.toLowerCase().includes(database.toLowerCase())) return sql;
  const quoted = `"${database.replace(/"/g, '""')}"`;
  const unquotedOk = /^[A-Za-z_][A-Za-z0-9_$]*$/.test(database);
  let out = '';
  let i = 0;
  const n = sql.length;
  /** Length of an identifier (quoted or not) starting at j, or 0. */
  const identAt = (j: number): number => {
    if (sql[j] === '"') {
      let k = j + 1;
      while (k < n) {
        if (sql[k] === '"') {
          if (sql[k + 1] === '"') {
            k += 2;
            continue;
          }
          return k + 1 - j;
        }
        k++;
      }
      return 0;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(j, j + 128));
    return m ? m[0].length : 0;
  };
  const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);
  while (i < n) {
    const c = sql[i];
    // comments
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    // string literals ('…', E'…')
    if (c === "'") {
      let k = i + 1;
      const escapes = i > 0 && /[eE]/.test(sql[i - 1]) && !isWordChar(sql[i - 2]);
      while (k < n) {
        if (escapes && sql[k] === '\\') {
          k += 2;
          continue;
        }
        if (sql[k] === "'") {
          if (sql[k + 1] === "'") {
            k += 2;
            continue;
          }
          break;
        }
        k++;
      }
      out += sql.slice(i, k + 1);
      i = k + 1;
      continue;
    }
    // dollar quotes
    if (c === '$' && !isWordChar(sql[i - 1])) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (m) {
        const end = sql.indexOf(m[0], i + m[0].length);
        const stop = end < 0 ? n : end + m[0].length;
        out += sql.slice(i, stop);
        i = stop;
        continue;
      }
    }
    // identifiers: look for <database> . <ident> . <ident>
    if (c === '"' || (/[A-Za-z_]/.test(c) && !isWordChar(sql[i - 1]))) {
      const len = identAt(i);
      if (len) {
        const word = sql.slice(i, i + len);
        const isDb = word === quoted || (unquotedOk && c !== '"' && word.toLowerCase() === database.toLowerCase());
        if (isDb && sql[i + len] === '.') {
          const second = identAt(i + len + 1);
          if (second && sql[i + len + 1 + second] === '.' && identAt(i + len + 2 + second)) {
            i += len + 1;
            continue;
          }
        }
        out += word;
        i += len;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}
