import type { SqlDatabase } from '../runtime/EngineServices';
import { refuseUnsupportedSql } from './refuseUnsupportedSql';

type Statements = Omit<SqlDatabase, 'transaction' | 'version'>;

/**
 * Every statement the engine and the database panel send goes through here:
 * what PGlite cannot run is refused with a clear error (refuseUnsupportedSql),
 * and after any failed statement the session is checked with `SELECT 1`; a
 * session that no longer answers it correctly is reported `broken` so the
 * provider reopens the database (a failed statement must never leave later
 * ones silently empty).
 */
export function guardDatabase(db: SqlDatabase, broken: (why: string) => void): SqlDatabase {
  const check = async () => {
    try {
      const r = await db.query('SELECT 1 AS ok');
      if (Number(r.rows[0]?.ok) !== 1) broken('the session stopped answering queries');
    } catch (e) {
      broken((e as Error).message);
    }
  };
  // inside a transaction the check must wait for it to end: the session is busy with it until then
  const guard = <A extends unknown[], R>(fn: (sql: string, ...rest: A) => Promise<R>, checkAfter: boolean) =>
    async (sql: string, ...rest: A): Promise<R> => {
      refuseUnsupportedSql(sql);
      try {
        return await fn(sql, ...rest);
      } catch (e) {
        if (checkAfter) await check();
        throw e;
      }
    };
  const wrap = (q: Statements, checkAfter: boolean): Statements => ({
    exec: guard((sql, opts) => q.exec(sql, opts), checkAfter),
    query: guard((sql, params, opts) => q.query(sql, params, opts), checkAfter),
  });
  return {
    ...wrap(db, true),
    version: () => db.version(),
    transaction: async (fn) => {
      try {
        return await db.transaction((tx) => fn({ ...wrap(tx, false), version: tx.version }));
      } catch (e) {
        await check();
        throw e;
      }
    },
  };
}
