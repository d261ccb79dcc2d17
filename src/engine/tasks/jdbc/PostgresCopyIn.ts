import type { TaskDefinition } from '../TaskDefinition';
import { connectDatabase } from '../../postgres/connectDatabase';
import { buildCopySql } from '../../postgres/buildCopySql';
import { readCopyOptions } from '../../postgres/readCopyOptions';
import { formatSqlError } from '../../postgres/formatSqlError';
import { copyCsvAsBinary } from '../../postgres/binaryCopy/copyCsvAsBinary';
import { COPY_PROPERTIES } from './connectionProperties';

/**
 * io.kestra.plugin.jdbc.postgresql.CopyIn: bulk-loads a kestra:// file with
 * `COPY table (columns) FROM STDIN WITH (...)`. In PGlite the file is handed
 * over as a blob (`FROM '/dev/blob'`): one COPY, never row-by-row inserts.
 * A CSV file whose columns all have types the engine can encode is sent as a
 * binary COPY instead (the same rows, without PostgreSQL's slow text parsing
 * in WebAssembly: see binaryCopy/copyCsvAsBinary.ts); anything else, and any
 * error, goes the text way.
 */
export const PostgresCopyIn: TaskDefinition = {
  type: 'io.kestra.plugin.jdbc.postgresql.CopyIn',
  properties: { ...COPY_PROPERTIES, from: { kind: 'string', required: true } },
  async run(ctx) {
    if (ctx.task.from === undefined || ctx.task.from === null) throw new Error('Missing required property `from` (a kestra:// file)');
    const from = ctx.render(String(ctx.task.from)).trim();
    if (!from.startsWith('kestra://')) {
      throw new Error(`\`from\` must be a file in Kestra's internal storage (kestra://…), got \`${from.slice(0, 200)}\`${from === '' ? ' (it rendered to an empty string: did the task that produces the file run?)' : ''}`);
    }
    const options = readCopyOptions(ctx);
    const data = await ctx.readFile(from);
    const { db } = await connectDatabase(ctx);
    ctx.log('DEBUG', `Starting query: ${buildCopySql(options, 'FROM STDIN')}`);
    if (options.format === 'CSV') {
      const binary = await copyCsvAsBinary(db, options, data);
      if (binary.done) {
        ctx.log('DEBUG', `CSV read by the engine and loaded with a binary COPY: ${binary.statement}`);
        // plugin-jdbc-postgres CopyIn: runContext.metric(Counter.of("rows", rowsAffected))
        ctx.metric('counter', 'rows', binary.rowCount);
        return { rowCount: binary.rowCount };
      }
      ctx.log('DEBUG', `CSV loaded as text by PostgreSQL (not as binary: ${binary.reason})`);
    }
    const sql = buildCopySql(options, "FROM '/dev/blob'");
    let result: { affectedRows?: number };
    try {
      result = await db.query(sql, [], { blob: new Blob([data as BlobPart]) });
    } catch (e) {
      throw formatSqlError(e, sql, `File: ${from}`);
    }
    const rowCount = result.affectedRows ?? 0;
    ctx.metric('counter', 'rows', rowCount);
    return { rowCount };
  },
};
