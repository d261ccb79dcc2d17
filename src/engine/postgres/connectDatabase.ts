import type { TaskContext } from '../runtime/TaskContext';
import type { SqlDatabase } from '../runtime/EngineServices';
import { parseJdbcUrl } from './parseJdbcUrl';

/**
 * Opens the in-browser database a Postgres task's `url` names. Any host and
 * port map to the local database of that name; username and password are
 * accepted and not needed. Says so once per task run, at INFO.
 */
export async function connectDatabase(ctx: TaskContext): Promise<{ db: SqlDatabase; database: string }> {
  const rawUrl = ctx.task.url;
  if (rawUrl === undefined || rawUrl === null || String(rawUrl).trim() === '') {
    throw new Error('Missing required property `url` (e.g. jdbc:postgresql://host.docker.internal:5432/postgres-zoomcamp); set it on the task or in pluginDefaults for io.kestra.plugin.jdbc.postgresql');
  }
  const url = ctx.render(String(rawUrl));
  const username = ctx.task.username !== undefined ? ctx.render(String(ctx.task.username)) : undefined;
  const { host, port, database } = parseJdbcUrl(url, username || 'postgres');
  const open = ctx.services.database;
  if (!open) throw new Error('No Postgres database is available to this engine (the host did not provide services.database)');
  const started = ctx.services.clock.now().getTime();
  const db = await open(database);
  const version = /PostgreSQL\s+([\d.]+)/.exec(await db.version())?.[1] ?? '?';
  const bootMs = ctx.services.clock.now().getTime() - started;
  // the first Postgres task of a page waits for PGlite to load: say why that bar is long
  const boot = bootMs > 300 ? `; starting it took ${(bootMs / 1000).toFixed(1)} s, which happens once per page` : '';
  ctx.log('INFO', `connected to in-browser Postgres ${version}, database ${database} (no server at ${host}${port ? ':' + port : ''} is needed: the database runs in this page; username and password are not checked${boot})`);
  return { db, database };
}
