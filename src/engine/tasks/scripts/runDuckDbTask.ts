import type { TaskContext } from '../../runtime/TaskContext';
import type { RuntimeLoadListener } from '../../runtime/EngineServices';
import type { DuckDbConnection, DuckDbRuntime } from '../../duckdb/DuckDbRuntime';
import { splitDuckDbSql, returnsRows } from '../../duckdb/splitDuckDbSql';
import { explainDuckDbError, extensionStatement, extensionUnavailable, JSON_STAND_IN } from '../../duckdb/extensionStatements';
import { defineJsonReaders } from '../../duckdb/jsonReaders';
import { readFetchType, resultOutput, type QueryOutput } from '../../postgres/fetchType';
import { reportFetchSize } from '../../postgres/fetchSizeMetric';
import { renderWith } from './renderWith';
import { pathHash, readInputFiles, renderedList } from './workingDirFiles';
import { DUCKDB_NOT_RUN, logPropertiesNotRun } from './notRunHere';

const DEFAULT_URL = 'jdbc:duckdb:';
/** Serialises DuckDB tasks per runtime: files registered by name are shared by its connections. */
const queues = new WeakMap<DuckDbRuntime, Promise<unknown>>();
/** Databases kept for an execution (`url: jdbc:duckdb:/path/file.db`): attached in memory, by execution and path. */
const kept = new WeakMap<DuckDbRuntime, string[]>();
const KEEP_EXECUTIONS = 8;

/** Starts DuckDB (the first time), telling the task's log and the host's UI. */
async function loadDuckDb(ctx: TaskContext): Promise<DuckDbRuntime> {
  const load = ctx.services.duckdb;
  if (!load) throw new Error('DuckDB is not available in this engine (the host gave no duckdb service)');
  const listener: RuntimeLoadListener = (p) => {
    ctx.log(p.phase === 'failed' ? 'ERROR' : 'INFO', p.message);
    ctx.services.onRuntimeLoad?.(p);
  };
  return load(listener);
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Kestra's rule for file names a task creates (PluginUtilsService.validFilename). */
function validFileName(name: string): string {
  if (name.startsWith('./') || name.startsWith('..') || name.startsWith('/')) {
    throw new Error(`Invalid outputFile (only relative path is supported) for path '${name}'`);
  }
  return name;
}

/**
 * Runs io.kestra.plugin.jdbc.duckdb.Query or Queries on DuckDB-Wasm, after
 * K plugin-jdbc-duckdb Query.java/Queries.java and DuckDbConnectionSetup:
 * inputFiles are laid into the working directory (`{{ workingDir }}`, also
 * DuckDB's file_search_path, so relative names work), `outputFiles` names
 * become `{{ outputFiles.<name> }}` paths to write and are stored after the
 * run, `fetchType` shapes the result as for Postgres. The default URL
 * `jdbc:duckdb:` is a fresh in-memory database; `jdbc:duckdb:/abs/file.db`
 * is kept for the rest of the execution.
 */
export async function runDuckDbTask(ctx: TaskContext, mode: 'query' | 'queries'): Promise<Record<string, unknown>> {
  const fetchType = readFetchType(ctx);
  const url = ctx.task.url === undefined ? DEFAULT_URL : ctx.render(String(ctx.task.url)).trim();
  let keptPath: string | null = null;
  if (url !== DEFAULT_URL) {
    if (!url.startsWith(DEFAULT_URL)) throw new Error(`A DuckDB url starts with \`jdbc:duckdb:\` (got \`${url}\`)`);
    const path = url.slice(DEFAULT_URL.length);
    if (path.startsWith('md:') || path.startsWith('motherduck:')) throw new Error('MotherDuck (`jdbc:duckdb:md:…`) is a cloud service that needs your token and the network; the playground cannot reach it. Run this flow on Kestra.');
    if (path !== ':memory:') {
      if (!path.startsWith('/')) throw new Error('The database file path is not valid (Path to database file must be absolute)');
      keptPath = path;
    }
  }
  if (ctx.task.parameters !== undefined && ctx.task.parameters !== null) throw new Error('`parameters` is not supported by the playground\'s DuckDB tasks: write the values into `sql` with an expression ({{ inputs.x }}). Run this flow on Kestra to bind parameters.');
  logPropertiesNotRun(ctx, DUCKDB_NOT_RUN);
  for (const p of ['databaseUri', 'outputDbFile'] as const) {
    const v = ctx.task[p];
    if (v !== undefined && v !== null && v !== false && String(v) !== 'false') {
      throw new Error(`\`${p}\` is not supported in the playground: its DuckDB databases live in memory, not in files. Run this flow on Kestra to use it.`);
    }
  }

  const duckdb = await loadDuckDb(ctx);
  const previous = queues.get(duckdb) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  queues.set(duckdb, previous.then(() => mine));
  await previous.catch(() => undefined);
  try {
    const conn = await duckdb.connect(ctx.signal);
    try {
      return await runOn(ctx, conn, duckdb, mode, fetchType, keptPath);
    } finally {
      await conn.close().catch(() => undefined);
    }
  } finally {
    release();
  }
}

async function runOn(
  ctx: TaskContext,
  conn: DuckDbConnection,
  duckdb: DuckDbRuntime,
  mode: 'query' | 'queries',
  fetchType: ReturnType<typeof readFetchType>,
  keptPath: string | null,
): Promise<Record<string, unknown>> {
  const wd = conn.workingDir;
  const vars: Record<string, unknown> = { workingDir: wd };
  if (keptPath) vars.dbFilePath = keptPath;
  const { render } = renderWith(ctx, vars);

  const inputs = await readInputFiles(ctx, render);
  for (const [rel, data] of inputs) {
    await conn.writeFile(`${wd}/${rel}`, data);
    // DuckDB-Wasm does not search file_search_path for files it was given: relative names are registered as they are
    await conn.writeFile(rel, data);
  }
  const outputFiles: Record<string, string> = {};
  for (const name of renderedList(ctx, ctx.task.outputFiles, render)) {
    // Kestra names it <name>_<random>.tmp; without the .tmp here, which DuckDB-Wasm's Node file system mangles when COPY renames its temporary file
    outputFiles[validFileName(name)] = `${wd}/${name}_${pathHash(`${ctx.taskRun.id}/${name}`)}`;
  }
  if (Object.keys(outputFiles).length) Object.assign(vars, { outputFiles, temp: outputFiles });
  const sql = renderWith(ctx, vars).render(String(ctx.task.sql ?? ''));

  const exec = async (statement: string) => {
    try {
      return await conn.query(statement);
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      throw new Error(`${explainDuckDbError((e as Error).message)}\n  in: ${statement.length > 300 ? statement.slice(0, 300) + '…' : statement}`);
    }
  };

  // no extension downloads, ever: an INSTALL or LOAD is answered here (see extensionStatements.ts)
  await exec('SET autoinstall_known_extensions = false');
  await exec('SET autoload_known_extensions = false');
  await exec(`SET file_search_path = ${sqlString(wd)}`);
  const database = keptPath ? `kestra_${pathHash(`${ctx.execution.id}|${keptPath}`)}` : `kestra_task_${pathHash(ctx.taskRun.id)}`;
  await exec(`ATTACH IF NOT EXISTS ':memory:' AS ${ident(database)}`);
  await exec(`USE ${ident(database)}`);
  if (keptPath) keepDatabase(duckdb, database, conn);
  const loaded = new Set((await exec('SELECT extension_name FROM duckdb_extensions() WHERE loaded')).rows.map((r) => String(r.extension_name)));
  const jsonTables = /read_(nd)?json/i.test(sql) ? await defineJsonReaders(conn, inputs, `kestra_json_${pathHash(ctx.taskRun.id)}`) : [];

  const statements = splitDuckDbSql(sql);
  const results: QueryOutput[] = [];
  let last: QueryOutput = {};
  let jsonNoted = false;
  const transactional = mode === 'queries' && (ctx.task.transaction === undefined || ctx.render(String(ctx.task.transaction)).trim() !== 'false');
  try {
    if (transactional) await exec('BEGIN TRANSACTION');
    for (const statement of statements) {
      if (ctx.signal.aborted) throw new Error('killed');
      const ext = extensionStatement(statement);
      if (ext && !loaded.has(ext.name)) {
        if (ext.name !== 'json') throw new Error(extensionUnavailable(ext.name));
        ctx.log('INFO', jsonNoted ? `${ext.action} json: nothing to download here (see above).` : `${ext.action} json: nothing to download here; ${JSON_STAND_IN}.`);
        jsonNoted = true;
        continue;
      }
      ctx.log('DEBUG', `Starting query: ${statement}`);
      const r = await exec(statement);
      if (!returnsRows(statement)) continue;
      const out = await resultOutput(ctx, fetchType, r.rows, results.length);
      results.push(out);
      last = out;
    }
    if (mode === 'query' && ctx.task.afterSQL) {
      for (const statement of splitDuckDbSql(render(String(ctx.task.afterSQL)))) {
        ctx.log('DEBUG', `Starting afterSQL: ${statement}`);
        await exec(statement);
      }
    }
    if (transactional) await exec('COMMIT');
  } catch (e) {
    if (transactional && !ctx.signal.aborted) {
      await conn.query('ROLLBACK').catch(() => undefined);
      (e as Error).message += '\n  The transaction was rolled back: no statement of this task took effect.';
    }
    throw e;
  } finally {
    if (!ctx.signal.aborted) {
      for (const t of jsonTables) await conn.query(`DROP TABLE IF EXISTS ${ident(t)}`).catch(() => undefined);
      await conn.query('USE memory').catch(() => undefined);
      if (!keptPath) await conn.query(`DETACH DATABASE IF EXISTS ${ident(database)}`).catch(() => undefined);
    }
  }

  const stored: Record<string, string> = {};
  for (const [name, path] of Object.entries(outputFiles)) {
    const data = await conn.readFile(path);
    if (!data) throw new Error(`The output file \`${name}\` was not written (expected at {{ outputFiles.${name} }} = ${path})`);
    stored[name] = await ctx.storeFile(path.slice(path.lastIndexOf('/') + 1), data);
  }
  // plugin-jdbc AbstractJdbcQuery / AbstractJdbcQueries report fetch.size (DuckDB's tasks extend them)
  reportFetchSize(ctx, fetchType, mode === 'query' ? (last?.size ?? 0) : results.reduce((n, o) => n + (o.size ?? 0), 0));
  const outputs: Record<string, unknown> = mode === 'query' ? { ...last } : { outputs: results };
  if (Object.keys(outputFiles).length) outputs.outputFiles = stored;
  return outputs;
}

/** Remembers a database kept for an execution; the oldest ones are dropped past KEEP_EXECUTIONS. */
function keepDatabase(duckdb: DuckDbRuntime, database: string, conn: DuckDbConnection): void {
  const list = kept.get(duckdb) ?? [];
  if (!list.includes(database)) list.push(database);
  while (list.length > KEEP_EXECUTIONS) {
    const old = list.shift()!;
    void conn.query(`DETACH DATABASE IF EXISTS ${ident(old)}`).catch(() => undefined);
  }
  kept.set(duckdb, list);
}
