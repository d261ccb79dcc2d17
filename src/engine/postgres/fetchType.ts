import type { TaskContext } from '../runtime/TaskContext';
import { ionLines } from './ionText';

export const FETCH_TYPES = ['NONE', 'FETCH_ONE', 'FETCH', 'STORE'] as const;
export type FetchType = (typeof FETCH_TYPES)[number];

/** The task's fetchType, honouring the deprecated `fetch`/`fetchOne`/`store` booleans like Kestra does. */
export function readFetchType(ctx: TaskContext): FetchType {
  const t = ctx.task;
  const on = (v: unknown) => v === true || (typeof v === 'string' && ctx.render(v).trim() === 'true');
  if (on(t.fetch)) return 'FETCH';
  if (on(t.fetchOne)) return 'FETCH_ONE';
  if (on(t.store)) return 'STORE';
  const v = t.fetchType === undefined ? 'NONE' : ctx.render(String(t.fetchType)).trim().toUpperCase();
  if (!(FETCH_TYPES as readonly string[]).includes(v)) throw new Error(`fetchType must be either FETCH, FETCH_ONE, STORE, or NONE (got \`${v}\`)`);
  return v as FetchType;
}

/** One statement's output, as Kestra's AbstractJdbcQuery.Output (null fields left out). */
export interface QueryOutput {
  row?: Record<string, unknown>;
  rows?: Record<string, unknown>[];
  uri?: string;
  size?: number;
}

/** Turns a result set into Kestra's output for the fetch type. */
export async function resultOutput(ctx: TaskContext, fetchType: FetchType, rows: Record<string, unknown>[], fileIndex: number): Promise<QueryOutput> {
  switch (fetchType) {
    case 'FETCH_ONE':
      return rows.length ? { row: rows[0], size: 1 } : { size: 1 };
    case 'FETCH':
      return { rows, size: rows.length };
    case 'STORE': {
      const uri = await ctx.storeFile(`${ctx.taskRun.id}-${fileIndex}.ion`, new TextEncoder().encode(ionLines(rows)));
      return { uri, size: rows.length };
    }
    default:
      ctx.log('INFO', 'fetchType is set to NONE, no output will be returned');
      return {};
  }
}
