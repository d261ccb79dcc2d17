import type { SqlDatabase } from '../runtime/EngineServices';
import { bindParameters } from './bindParameters';
import { formatSqlError } from './formatSqlError';

type Db = Omit<SqlDatabase, 'transaction'>;

export interface StatementResult {
  statement: string;
  /** Present when the statement returned a result set (SELECT, RETURNING, SHOW, …). */
  rows?: Record<string, unknown>[];
  affectedRows?: number;
}

/**
 * Runs statements one after the other. Without parameters a piece goes
 * through the simple protocol (like the JDBC driver, it may then hold more
 * than one statement); with parameters it is prepared and bound. An error
 * is rethrown with Postgres's message, SQLSTATE, and the statement.
 */
export async function runStatements(
  db: Db,
  statements: string[],
  parameters: Record<string, unknown> | undefined,
  onStart: (statement: string) => void,
  onResult: (r: StatementResult) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  for (const statement of statements) {
    if (signal?.aborted) throw new Error('killed');
    onStart(statement);
    const bound = bindParameters(statement, parameters);
    let results: { rows: Record<string, unknown>[]; fields: unknown[]; affectedRows?: number }[];
    try {
      results = bound.params.length ? [await db.query(bound.sql, bound.params)] : await db.exec(statement);
    } catch (e) {
      throw formatSqlError(e, bound.params.length ? bound.sql : statement);
    }
    // the JDBC driver reports the first result of a piece
    const first = results[0];
    if (!first) continue;
    await onResult({ statement, rows: first.fields.length ? first.rows : undefined, affectedRows: first.affectedRows });
  }
}
