import type { TaskDefinition } from '../TaskDefinition';
import { connectDatabase } from '../../postgres/connectDatabase';
import { buildCopySql } from '../../postgres/buildCopySql';
import { readCopyOptions } from '../../postgres/readCopyOptions';
import { formatSqlError } from '../../postgres/formatSqlError';
import { COPY_PROPERTIES } from './connectionProperties';

const EXTENSION = { CSV: '.csv', TEXT: '.tsv', BINARY: '.bin' } as const;

/**
 * io.kestra.plugin.jdbc.postgresql.CopyOut: `COPY (sql) TO STDOUT` or
 * `COPY table (columns) TO STDOUT` into a file in internal storage; outputs
 * `uri` and `rowCount`.
 */
export const PostgresCopyOut: TaskDefinition = {
  type: 'io.kestra.plugin.jdbc.postgresql.CopyOut',
  properties: { ...COPY_PROPERTIES, sql: { kind: 'string' } },
  async run(ctx) {
    const options = readCopyOptions(ctx);
    if (ctx.task.sql !== undefined && ctx.task.sql !== null) options.query = ctx.render(String(ctx.task.sql));
    const { db } = await connectDatabase(ctx);
    ctx.log('DEBUG', `Starting query: ${buildCopySql(options, 'TO STDOUT')}`);
    const sql = buildCopySql(options, "TO '/dev/blob'");
    let result: { affectedRows?: number; blob?: Blob };
    try {
      result = await db.query(sql);
    } catch (e) {
      throw formatSqlError(e, sql);
    }
    const bytes = result.blob ? new Uint8Array(await result.blob.arrayBuffer()) : new Uint8Array();
    const uri = await ctx.storeFile(`${ctx.taskRun.id}${EXTENSION[options.format ?? 'TEXT']}`, bytes);
    // plugin-jdbc-postgres CopyOut: runContext.metric(Counter.of("rows", rowsAffected))
    ctx.metric('counter', 'rows', result.affectedRows ?? 0);
    return { uri, rowCount: result.affectedRows ?? 0 };
  },
};
