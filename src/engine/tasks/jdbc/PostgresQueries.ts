import type { TaskDefinition } from '../TaskDefinition';
import { connectDatabase } from '../../postgres/connectDatabase';
import { splitQueries } from '../../postgres/splitQueries';
import { readFetchType, resultOutput, type QueryOutput } from '../../postgres/fetchType';
import { runStatements } from '../../postgres/runStatements';
import { reportFetchSize } from '../../postgres/fetchSizeMetric';
import { QUERY_PROPERTIES } from './connectionProperties';

/**
 * io.kestra.plugin.jdbc.postgresql.Queries: the rendered `sql` is split into
 * statements (Kestra's `;[^']` rule) and run in order, by default inside one
 * transaction that is rolled back when a statement fails. Each statement that
 * returns rows adds one entry to `outputs` (row / rows / uri, size).
 */
export const PostgresQueries: TaskDefinition = {
  type: 'io.kestra.plugin.jdbc.postgresql.Queries',
  properties: { ...QUERY_PROPERTIES, transaction: { kind: 'any' } },
  async run(ctx) {
    const fetchType = readFetchType(ctx);
    const transactional = ctx.task.transaction === undefined || ctx.render(String(ctx.task.transaction)).trim() !== 'false';
    const parameters = ctx.task.parameters ? ctx.renderValue(ctx.task.parameters as Record<string, unknown>) : undefined;
    const statements = splitQueries(ctx.render(String(ctx.task.sql ?? '')));
    const { db } = await connectDatabase(ctx);
    const outputs: QueryOutput[] = [];
    const body = async (q: Parameters<typeof runStatements>[0]) =>
      runStatements(
        q,
        statements,
        parameters,
        (s) => ctx.log('DEBUG', `Starting query: ${s}`),
        async (r) => {
          if (r.rows) outputs.push(await resultOutput(ctx, fetchType, r.rows, outputs.length));
        },
        ctx.signal,
      );
    if (transactional) {
      try {
        await db.transaction(body);
      } catch (e) {
        const err = e as Error;
        err.message += '\n  The transaction was rolled back: no statement of this task took effect.';
        throw err;
      }
    } else {
      await body(db);
    }
    reportFetchSize(ctx, fetchType, outputs.reduce((n, o) => n + (o.size ?? 0), 0));
    return { outputs };
  },
};
