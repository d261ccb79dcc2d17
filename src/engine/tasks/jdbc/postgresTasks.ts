import type { TaskDefinition } from '../TaskDefinition';
import { PostgresQueries } from './PostgresQueries';
import { PostgresQuery } from './PostgresQuery';
import { PostgresCopyIn } from './PostgresCopyIn';
import { PostgresCopyOut } from './PostgresCopyOut';

/** The io.kestra.plugin.jdbc.postgresql tasks this engine runs (on PGlite). */
export const POSTGRES_TASKS: TaskDefinition[] = [PostgresQueries, PostgresQuery, PostgresCopyIn, PostgresCopyOut];
