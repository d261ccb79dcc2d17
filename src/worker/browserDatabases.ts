import type { SqlDatabase } from '../engine/runtime/EngineServices';
import { createDatabaseProvider, type DatabaseProvider } from '../engine/postgres/databaseProvider';
import { DatabaseLease, type LeaseStatus } from './DatabaseLease';
import { openBrowserDatabase, type BrowserDatabaseHandle } from './openBrowserDatabase';

let provider: DatabaseProvider<BrowserDatabaseHandle> | null = null;
let lease: DatabaseLease | null = null;
let statusListener: (status: LeaseStatus) => void = () => undefined;

/** Receives the lease's status changes (the worker forwards them to the page). */
export function onLeaseStatus(listener: (status: LeaseStatus) => void): void {
  statusListener = listener;
}

/** Makes every open database durable (see openBrowserDatabase's `durable`). */
export async function makeDatabasesDurable(): Promise<void> {
  if (!provider) return;
  for (const h of await provider.handles()) await h.durable();
}

function setup(snapshotUrl: string) {
  provider ??= createDatabaseProvider(async (name) => {
    await lease!.acquire();
    return openBrowserDatabase(name, snapshotUrl);
  });
  lease ??= new DatabaseLease(
    async () => {
      await makeDatabasesDurable();
      await provider!.close();
    },
    (s) => statusListener(s),
  );
  return { provider, lease };
}

/**
 * The in-browser databases of this worker, shared by every execution and by
 * the database panel: opened on first use, under the cross-tab lease. `use()`
 * gives one user (an execution, a panel call) its `database` function; while
 * any user is active the lease is not given up; `done()` ends the use.
 */
export function browserDatabases(snapshotUrl: string) {
  const { provider: p, lease: l } = setup(snapshotUrl);
  return {
    use() {
      let active = false;
      return {
        database: async (name: string): Promise<SqlDatabase> => {
          if (!active) {
            active = true;
            l.begin();
          }
          return p.database(name);
        },
        done: () => {
          if (active) l.end();
          active = false;
        },
      };
    },
    opened: () => p.opened(),
    /** A database without counting a use (for callers that hold() the lease themselves). */
    database: (name: string) => p.database(name),
    /** Keeps the lease while something runs that may use the databases at any moment (the scheduler's executions); returns the release. */
    hold(): () => void {
      l.begin();
      let released = false;
      return () => {
        if (!released) l.end();
        released = true;
      };
    },
    /**
     * Starts the database before a flow needs it (the playground of a lesson
     * whose flow uses Postgres became visible), so its first Postgres task does
     * not wait for PGlite; skipped when another tab holds the databases.
     */
    async warm(name: string): Promise<boolean> {
      if (!(await l.tryAcquire())) return false;
      l.begin();
      try {
        await (await p.database(name)).query('SELECT 1');
        return true;
      } finally {
        l.end();
      }
    },
  };
}
