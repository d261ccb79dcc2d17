import type { AdapterResponse } from '../context/DbtRuntime';

/** The last statement of a script, without comments (for its command tag). */
function lastStatement(sql: string): string {
  const stripped = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  const parts = stripped.split(';').map((p) => p.trim()).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/**
 * The adapter response dbt-postgres builds from psycopg2's status message:
 * `CREATE VIEW`, `SELECT 265` (create table … as), `INSERT 0 265`, `DELETE 3`.
 */
export function sqlStatusOf(sql: string, rows: number): AdapterResponse {
  const s = lastStatement(sql).toLowerCase().replace(/\s+/g, ' ');
  let code = 'SELECT';
  let message: string;
  if (/^create (or replace )?(temporary |temp |unlogged )?table .* as\b/.test(s)) {
    code = 'SELECT';
    message = `SELECT ${rows}`;
  } else if (/^create (or replace )?view\b/.test(s)) {
    code = 'CREATE VIEW';
    message = 'CREATE VIEW';
    rows = -1;
  } else if (/^create (or replace )?(temporary |temp |unlogged )?table\b/.test(s)) {
    code = 'CREATE TABLE';
    message = 'CREATE TABLE';
    rows = -1;
  } else if (/^create (unique )?index\b/.test(s)) {
    code = 'CREATE INDEX';
    message = 'CREATE INDEX';
    rows = -1;
  } else if (/^create schema\b/.test(s)) {
    code = 'CREATE SCHEMA';
    message = 'CREATE SCHEMA';
    rows = -1;
  } else if (/^(with .*\))?\s*insert\b/.test(s) || s.startsWith('insert')) {
    code = 'INSERT';
    message = `INSERT 0 ${rows}`;
  } else if (s.startsWith('delete')) {
    code = 'DELETE';
    message = `DELETE ${rows}`;
  } else if (s.startsWith('update')) {
    code = 'UPDATE';
    message = `UPDATE ${rows}`;
  } else if (s.startsWith('merge')) {
    code = 'MERGE';
    message = `MERGE ${rows}`;
  } else if (s.startsWith('truncate')) {
    code = 'TRUNCATE TABLE';
    message = 'TRUNCATE TABLE';
    rows = -1;
  } else if (s.startsWith('drop')) {
    code = /^drop view/.test(s) ? 'DROP VIEW' : /^drop schema/.test(s) ? 'DROP SCHEMA' : 'DROP TABLE';
    message = code;
    rows = -1;
  } else if (s.startsWith('alter')) {
    code = 'ALTER TABLE';
    message = 'ALTER TABLE';
    rows = -1;
  } else if (s.startsWith('begin') || s.startsWith('commit')) {
    code = s.startsWith('begin') ? 'BEGIN' : 'COMMIT';
    message = code;
    rows = -1;
  } else {
    message = `SELECT ${rows}`;
  }
  return { _message: message, code, rows_affected: rows };
}
