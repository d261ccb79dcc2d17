import { SqlError } from './SqlError';
import { stripSqlNoise } from './stripSqlNoise';

interface Refusal {
  pattern: RegExp;
  message: string;
}

/**
 * Statements PGlite cannot run: there is no server machine behind it, so no
 * program to start and no server file system to read or write. Sent anyway,
 * `COPY … TO PROGRAM` leaves PGlite's session answering "0 rows affected" to
 * every later statement, so these are refused before they reach it, with the
 * way that works here. (SQLSTATE 0A000, feature_not_supported.)
 */
const REFUSALS: Refusal[] = [
  {
    pattern: /\bcopy\b[\s\S]*?\b(to|from)\s+program\b/i,
    message: 'COPY … PROGRAM is not supported by the in-browser PostgreSQL (PGlite): it has no machine to run a program on. Use a task instead (a shell script writes files; CopyIn and CopyOut move CSV in and out of tables).',
  },
  {
    pattern: /\bcopy\b[^;]*?\b(to|from)\s+''/i,
    message: "COPY … TO/FROM a server file is not supported by the in-browser PostgreSQL (PGlite): it has no server file system. Use the CopyIn / CopyOut tasks, or COPY … FROM STDIN / TO STDOUT.",
  },
  {
    pattern: /\b(pg_read_file|pg_read_binary_file|pg_ls_dir|pg_stat_file|lo_import|lo_export)\s*\(/i,
    message: 'Server file functions (pg_read_file, lo_import, …) are not supported by the in-browser PostgreSQL (PGlite): it has no server file system.',
  },
];

/** Throws a clear SqlError for a statement PGlite cannot run; returns otherwise. `/dev/blob` (how PGlite takes COPY data) is allowed. */
export function refuseUnsupportedSql(sql: string): void {
  const text = stripSqlNoise(sql.replace(/'\/dev\/blob'/gi, 'STDIN'));
  for (const r of REFUSALS) {
    if (r.pattern.test(text)) throw new SqlError(r.message, '0A000', sql, null);
  }
}
