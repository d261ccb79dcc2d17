import type { SqlDatabase } from '../runtime/EngineServices';
import type { SqlDatabaseHandle } from './SqlDatabaseHandle';

export interface DatabaseProvider {
  /** The database named `name`, opened on first use and kept open. */
  database(name: string): Promise<SqlDatabase>;
  /** Names of the databases opened so far. */
  opened(): string[];
  close(): Promise<void>;
}

/** One database per name (the name in the JDBC url), each opened lazily once. */
export function createDatabaseProvider(open: (name: string) => Promise<SqlDatabaseHandle>): DatabaseProvider {
  const handles = new Map<string, Promise<SqlDatabaseHandle>>();
  return {
    async database(name) {
      let h = handles.get(name);
      if (!h) {
        h = open(name);
        handles.set(name, h);
        h.catch(() => handles.delete(name));
      }
      return (await h).db;
    },
    opened: () => [...handles.keys()],
    async close() {
      const all = [...handles.values()];
      handles.clear();
      for (const h of all) await (await h.catch(() => null))?.close();
    },
  };
}
