import type { TaskDefinition } from '../TaskDefinition';
import { connectDatabase } from '../../postgres/connectDatabase';
import { readFetchType, resultOutput, type QueryOutput } from '../../postgres/fetchType';
import { runStatements } from '../../postgres/runStatements';
import { reportFetchSize } from '../../postgres/fetchSizeMetric';
import { QUERY_PROPERTIES } from './connectionProperties';

/**
 * io.kestra.plugin.jdbc.postgresql.Query: one statement (the rendered `sql`
 * as a whole), then `afterSQL` if set, in one transaction. Outputs are the
 * statement's row / rows / uri and size.
 */
export const PostgresQuery: TaskDefinition = {
  type: 'io.kestra.plugin.jdbc.postgresql.Query',
  properties: QUERY_PROPERTIES,
  async run(ctx) {
    const fetchType = readFetchType(ctx);
    const parameters = ctx.task.parameters ? ctx.renderValue(ctx.task.parameters as Record<string, unknown>) : undefined;
    const sql = ctx.render(String(ctx.task.sql ?? ''));
    const after = ctx.task.afterSQL ? ctx.render(String(ctx.task.afterSQL)) : null;
    const { db } = await connectDatabase(ctx);
    let output: QueryOutput = {};
    await db.transaction(async (tx) => {
      await runStatements(
        tx,
        [sql],
        parameters,
        (s) => ctx.log('DEBUG', `Starting query: ${s}`),
        async (r) => {
          if (r.rows) output = await resultOutput(ctx, fetchType, r.rows, 0);
        },
        ctx.signal,
      );
      if (after) await runStatements(tx, [after], parameters, (s) => ctx.log('DEBUG', `Starting afterSQL: ${s}`), async () => {}, ctx.signal);
    });
    reportFetchSize(ctx, fetchType, output.size ?? 0);
    return { ...output };
  },
};
