import type { TaskDefinition } from '../TaskDefinition';
import { DUCKDB_PROPERTIES } from './duckdbProperties';
import { runDuckDbTask } from './runDuckDbTask';

/**
 * io.kestra.plugin.jdbc.duckdb.Query: the rendered `sql` (DuckDB runs every
 * statement of it, as its JDBC driver does) and then `afterSQL`; the outputs
 * are the last result's row / rows / uri and size.
 */
export const DuckDbQuery: TaskDefinition = {
  type: 'io.kestra.plugin.jdbc.duckdb.Query',
  properties: { ...DUCKDB_PROPERTIES, afterSQL: { kind: 'string' }, parameters: { kind: 'map' } },
  run: (ctx) => runDuckDbTask(ctx, 'query'),
};
