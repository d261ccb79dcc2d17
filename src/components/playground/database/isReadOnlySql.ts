import { stripSqlNoise } from '../../../engine/postgres/stripSqlNoise';

const READ = /^(select|with|values|table|show|explain)\b/i;
const WRITE = /\b(insert|update|delete|merge|create|drop|alter|truncate|copy|grant|revoke|call|do|into|nextval|setval|set|reset|vacuum|analyze|refresh|lock|begin|commit|rollback)\b/i;

/**
 * True when running the SQL text again has no effect on the database (every
 * statement is a plain query), so the panel may re-run it to fetch another
 * page or the whole result for CSV export.
 */
export function isReadOnlySql(sql: string): boolean {
  const statements = stripSqlNoise(sql)
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  return statements.length > 0 && statements.every((s) => READ.test(s) && !WRITE.test(s.replace(/^explain\s+(analyze\s+)?/i, 'explain ')));
}
