import type { SqlDatabase } from '../runtime/EngineServices';
import type { SqlDatabaseHandle } from './SqlDatabaseHandle';
import { guardDatabase } from './guardDatabase';

export interface DatabaseProvider<H extends SqlDatabaseHandle = SqlDatabaseHandle> {
  /** The database named `name`, opened on first use and kept open. */
  database(name: string): Promise<SqlDatabase>;
  /** Names of the databases opened so far. */
  opened(): string[];
  /** The handles open now (to make them durable, say). */
  handles(): Promise<H[]>;
  close(): Promise<void>;
}

/**
 * One database per name (the name in the JDBC url), each opened lazily once
 * and guarded (guardDatabase.ts); a session found broken is closed and
 * opened again on the next use.
 */
export function createDatabaseProvider<H extends SqlDatabaseHandle>(open: (name: string) => Promise<H>): DatabaseProvider<H> {
  const handles = new Map<string, Promise<{ handle: H; db: SqlDatabase }>>();
  const openGuarded = (name: string) => {
    const p = open(name).then((handle) => ({
      handle,
      db: guardDatabase(handle.db, () => {
        if (handles.get(name) === p) handles.delete(name);
        void handle.close().catch(() => undefined);
      }),
    }));
    handles.set(name, p);
    p.catch(() => {
      if (handles.get(name) === p) handles.delete(name);
    });
    return p;
  };
  return {
    async database(name) {
      return (await (handles.get(name) ?? openGuarded(name))).db;
    },
    opened: () => [...handles.keys()],
    async handles() {
      const all = await Promise.all([...handles.values()].map((h) => h.catch(() => null)));
      return all.filter((h): h is { handle: H; db: SqlDatabase } => h !== null).map((h) => h.handle);
    },
    async close() {
      const all = [...handles.values()];
      handles.clear();
      for (const h of all) await (await h.catch(() => null))?.handle.close();
    },
  };
}
