import { DbtError } from '../DbtError';
import type { AdapterResponse } from '../context/DbtRuntime';
import { quoteIdent, Relation } from '../context/Relation';
import { RenderContext } from '../context/RenderContext';
import { str, truthy } from '../jinja/values';
import { compilationError, describeNode } from '../project/parseProject';
import type { DbtNode } from '../project/types';
import type { DbtSession } from './DbtSession';

export interface TestOutcome {
  status: 'pass' | 'warn' | 'fail';
  failures: number;
  message: string | null;
  response: AdapterResponse;
  /** Where failures were stored (`--store-failures`). */
  relationName: string | null;
}

const plural = (n: number, w: string) => `${n} ${n === 1 ? w : w + 's'}`;

/**
 * dbt's test materialization: the test's query counted by get_test_sql
 * (failures, should_warn, should_error), the status from the severity, as in
 * dbt's TestRunner.build_test_run_result. With store_failures the failing
 * rows are kept in `<schema>_dbt_test__audit.<test>`.
 */
export async function runTest(s: DbtSession, node: DbtNode, sql: string): Promise<TestOutcome> {
  const ctx = new RenderContext(s, node, 'runtime', node.packageName);
  const limit = node.config.limit;
  let main = limit === null || limit === undefined ? sql : `select *\nfrom (\n    ${sql}\n) as model_limit_subq\nlimit ${str(limit)}`;
  const storeCfg = node.config.store_failures;
  const store = storeCfg === null || storeCfg === undefined ? s.flags.storeFailures : truthy(storeCfg);
  let relationName: string | null = null;
  if (store) {
    const asType = node.config.store_failures_as === 'view' ? 'view' : 'table';
    const rel = new Relation({ database: node.database, schema: node.schema, identifier: node.alias }, asType);
    await s.execute(`create schema if not exists ${quoteIdent(node.schema)}`, false);
    const old = await s.getRelation(node.database, node.schema, node.alias);
    if (old) await s.execute(`drop ${old.type === 'view' ? 'view' : 'table'} if exists ${old.render()} cascade`, false);
    await s.execute(asType === 'view' ? `create view ${rel.render()} as (\n${main}\n)` : `create table ${rel.render()}\n    as\n  (\n    ${main}\n  );`, false);
    relationName = rel.render();
    main = `\n        select *\n        from ${rel.render()}\n    `;
  }
  let testSql: string;
  try {
    testSql = str(await ctx.callMacro('get_test_sql', [main, node.config.fail_calc ?? 'count(*)', node.config.warn_if ?? '!= 0', node.config.error_if ?? '!= 0', null]));
  } catch (e) {
    throw compilationError(e, describeNode(node));
  }
  const { response, table } = await s.execute(testSql, true);
  if (table.rowObjects.length !== 1) {
    throw new DbtError('Runtime', `dbt internally failed to execute ${node.uniqueId}: Returned ${table.rowObjects.length} rows, but expected 1 row`, describeNode(node));
  }
  const row = table.rowObjects[0];
  const failures = Number(row.getItem('failures') ?? 0);
  const shouldWarn = truthy(row.getItem('should_warn'));
  const shouldError = truthy(row.getItem('should_error'));
  const severity = String(node.config.severity ?? 'ERROR').toUpperCase();
  if (severity === 'ERROR' && shouldError) {
    return { status: 'fail', failures, message: `Got ${plural(failures, 'result')}, configured to fail if ${node.config.error_if}`, response, relationName };
  }
  if (shouldWarn) {
    if (s.flags.warnError) return { status: 'fail', failures, message: `Got ${plural(failures, 'result')}, configured to fail if ${node.config.warn_if}`, response, relationName };
    return { status: 'warn', failures, message: `Got ${plural(failures, 'result')}, configured to warn if ${node.config.warn_if}`, response, relationName };
  }
  return { status: 'pass', failures: 0, message: null, response, relationName };
}
