import type { TaskContext } from '../runtime/TaskContext';
import type { FetchType } from './fetchType';

/**
 * The `fetch.size` counter Kestra's JDBC Query and Queries report after their
 * statements (plugin-jdbc AbstractJdbcQuery / AbstractJdbcQueries:
 * `Counter.of("fetch.size", size, tags(runContext))`), tagged as
 * AbstractJdbcBaseQuery#tags does: `fetch` true for FETCH / FETCH_ONE,
 * `store` true for STORE.
 */
export function reportFetchSize(ctx: TaskContext, fetchType: FetchType, size: number): void {
  ctx.metric('counter', 'fetch.size', size, {
    fetch: fetchType === 'FETCH' || fetchType === 'FETCH_ONE' ? 'true' : 'false',
    store: fetchType === 'STORE' ? 'true' : 'false',
  });
}
