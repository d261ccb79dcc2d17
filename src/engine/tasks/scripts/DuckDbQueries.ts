import type { TaskDefinition } from '../TaskDefinition';
import { DUCKDB_PROPERTIES } from './duckdbProperties';
import { runDuckDbTask } from './runDuckDbTask';

/**
 * io.kestra.plugin.jdbc.duckdb.Queries: the statements of `sql`, in one
 * transaction unless `transaction: false`; `outputs` has one entry per
 * statement that returns rows.
 */
export const DuckDbQueries: TaskDefinition = {
  type: 'io.kestra.plugin.jdbc.duckdb.Queries',
  properties: { ...DUCKDB_PROPERTIES, transaction: { kind: 'any' }, parameters: { kind: 'map' } },
  run: (ctx) => runDuckDbTask(ctx, 'queries'),
};
