import type { TaskContext } from '../../runtime/TaskContext';

/**
 * Says in the task's log which of its properties Kestra uses but the
 * playground does not (never silently ignored); `why` per property.
 */
export function logPropertiesNotRun(ctx: TaskContext, why: Record<string, string>): void {
  for (const [name, reason] of Object.entries(why)) {
    if (ctx.task[name] === undefined || ctx.task[name] === null) continue;
    ctx.log('WARN', `\`${name}\` is accepted by Kestra, not run here: ${reason}`);
  }
}

/** Python task properties the playground does not use. */
export const PYTHON_NOT_RUN: Record<string, string> = {
  pythonVersion: 'Pyodide has one Python version (3.14)',
  packageManager: 'packages come from Pyodide, not from pip or uv',
  dependencyCacheEnabled: 'there is no package cache to keep',
  uvAutoInstallEnabled: 'there is no uv',
  interpreter: 'commands run in Pyodide, not in a shell',
  docker: 'there is no Docker',
  runner: 'there is no Docker or process runner',
  targetOS: 'Pyodide runs the same everywhere',
  outputDirectory: 'use outputFiles',
};

/** DuckDB task properties the playground does not use. */
export const DUCKDB_NOT_RUN: Record<string, string> = {
  timeZoneId: 'dates and times are given as DuckDB returns them (UTC)',
  fetchSize: 'results are read whole',
  communityExtensions: 'DuckDB-Wasm loads no extensions here',
  username: 'DuckDB has no users',
  password: 'DuckDB has no users',
};
