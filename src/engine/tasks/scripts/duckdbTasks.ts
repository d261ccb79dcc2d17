import type { TaskDefinition } from '../TaskDefinition';
import { DuckDbQueries } from './DuckDbQueries';
import { DuckDbQuery } from './DuckDbQuery';

/** The io.kestra.plugin.jdbc.duckdb tasks, run on DuckDB-Wasm. */
export const DUCKDB_TASKS: TaskDefinition[] = [DuckDbQuery, DuckDbQueries];
