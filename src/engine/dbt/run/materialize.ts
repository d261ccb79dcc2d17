import { DbtError } from '../DbtError';
import type { AdapterResponse } from '../context/DbtRuntime';
import { quoteIdent, Relation } from '../context/Relation';
import { RenderContext } from '../context/RenderContext';
import { str, truthy } from '../jinja/values';
import { compilationError, describeNode } from '../project/parseProject';
import type { DbtNode } from '../project/types';
import type { DbtSession } from './DbtSession';

const MAX_NAME = 63;

/** dbt-postgres's make_relation_with_suffix: the name cut so that name + suffix fits Postgres's 63 characters. */
function withSuffix(rel: Relation, suffix: string): Relation {
  const id = (rel.identifier ?? '').slice(0, MAX_NAME - suffix.length) + suffix;
  return rel.withChanges({ path: { identifier: id } });
}

function hhmmssffffff(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${p(d.getUTCMilliseconds() * 1000, 6)}`;
}

const dropSql = (rel: Relation) => `drop ${rel.type === 'view' ? 'view' : rel.type === 'materialized_view' ? 'materialized view' : 'table'} if exists ${rel.render()} cascade`;

interface Hook {
  sql: string;
  transaction: boolean;
}

function hooksOf(v: unknown[]): Hook[] {
  return v.map((h) => {
    if (typeof h === 'string') return { sql: h, transaction: true };
    if (h && typeof h === 'object' && 'sql' in (h as Record<string, unknown>)) {
      const o = h as Record<string, unknown>;
      return { sql: String(o.sql), transaction: o.transaction !== false };
    }
    return { sql: String(h), transaction: true };
  });
}

/** Renders a node's pre- or post-hooks (those inside or outside the transaction), before anything runs. */
async function renderHooks(s: DbtSession, node: DbtNode, which: 'pre_hook' | 'post_hook', inside: boolean): Promise<string[]> {
  const out: string[] = [];
  for (const hook of hooksOf(node.config[which]).filter((h) => h.transaction === inside)) {
    const ctx = new RenderContext(s, node, 'runtime', node.packageName);
    try {
      const sql = await ctx.render(hook.sql);
      if (sql.trim()) out.push(sql);
    } catch (e) {
      throw compilationError(e, describeNode(node));
    }
  }
  return out;
}

interface Hooks {
  preOutside: string[];
  preInside: string[];
  postInside: string[];
  postOutside: string[];
}

async function hooksFor(s: DbtSession, node: DbtNode): Promise<Hooks> {
  return {
    preOutside: await renderHooks(s, node, 'pre_hook', false),
    preInside: await renderHooks(s, node, 'pre_hook', true),
    postInside: await renderHooks(s, node, 'post_hook', true),
    postOutside: await renderHooks(s, node, 'post_hook', false),
  };
}

async function runAll(sqls: string[], run: (sql: string) => Promise<unknown>): Promise<void> {
  for (const q of sqls) await run(q);
}

function columnsCsv(cols: string[]): string {
  return cols.map(quoteIdent).join(', ');
}

/**
 * Builds a model the way dbt-postgres's materializations do: a view or table
 * is created under `<name>__dbt_tmp` and swapped in (the old one renamed to
 * `__dbt_backup` and dropped after the commit); an incremental model appends
 * or delete+inserts from a temporary table; an ephemeral model builds nothing.
 */
export async function materializeModel(s: DbtSession, node: DbtNode, sql: string): Promise<AdapterResponse> {
  const m = node.config.materialized;
  const target = s.relationOf(node);
  const existing = await s.getRelation(node.database, node.schema, node.alias);
  const runOutside = async (q: string) => (await s.execute(q, false)).response;
  const hooks = await hooksFor(s, node);
  switch (m) {
    case 'view':
    case 'table': {
      const type = m;
      const intermediate = withSuffix(target, '__dbt_tmp').withChanges({ type });
      const backup = withSuffix(target, '__dbt_backup').withChanges({ type: existing?.type ?? type });
      await runAll(hooks.preOutside, runOutside);
      const preInter = await s.getRelation(node.database, node.schema, intermediate.identifier!);
      if (preInter) await s.execute(dropSql(preInter), false);
      const preBackup = await s.getRelation(node.database, node.schema, backup.identifier!);
      if (preBackup) await s.execute(dropSql(preBackup), false);
      const response = await s.transaction(async (run) => {
        await runAll(hooks.preInside, run);
        const create = type === 'view' ? `create view ${intermediate.render()}\n  as (\n    ${sql}\n  );` : `create ${truthy(node.config.unlogged) ? 'unlogged ' : ''}table ${intermediate.render()}\n  \n  \n    as\n  \n  (\n    ${sql}\n  );`;
        const r = await run(`${node.config.sql_header ? `${str(node.config.sql_header)}\n` : ''}${create}`);
        if (type === 'table') for (const idx of indexesOf(node)) await run(indexSql(intermediate, idx));
        if (existing) await run(`alter table ${existing.render()} rename to ${quoteIdent(backup.identifier!)}`);
        await run(`alter table ${intermediate.render()} rename to ${quoteIdent(target.identifier!)}`);
        await runAll(hooks.postInside, run);
        return r;
      });
      await s.execute(dropSql(backup), false);
      await runAll(hooks.postOutside, runOutside);
      return response;
    }
    case 'incremental':
      return materializeIncremental(s, node, sql, target, existing);
    case 'materialized_view': {
      await runAll(hooks.preOutside, runOutside);
      const full = fullRefresh(s, node);
      const r = await s.transaction(async (run) => {
        await runAll(hooks.preInside, run);
        let res: AdapterResponse;
        if (existing && existing.type === 'materialized_view' && !full) res = await run(`refresh materialized view ${target.render()}`);
        else {
          if (existing) await run(dropSql(existing));
          res = await run(`create materialized view if not exists ${target.render()} as ${sql}`);
        }
        await runAll(hooks.postInside, run);
        return res;
      });
      await runAll(hooks.postOutside, runOutside);
      return r;
    }
    case 'ephemeral':
      return { _message: 'OK', code: 'OK', rows_affected: -1 };
    case 'seed':
    case 'test':
    case 'snapshot':
      throw new DbtError('Compilation', `a model cannot use materialized='${m}'`, describeNode(node));
    default:
      throw new DbtError('Compilation', `No materialization '${m}' was found for adapter postgres! (searched types 'default' and 'postgres'). This runner has view, table, incremental, ephemeral and materialized_view; custom materializations are not supported.`, describeNode(node));
  }
}

function fullRefresh(s: DbtSession, node: DbtNode): boolean {
  const c = node.config.full_refresh;
  return c === null || c === undefined ? s.flags.fullRefresh : truthy(c);
}

function indexesOf(node: DbtNode): { columns: string[]; unique: boolean; type: string | null }[] {
  const v = node.config.indexes;
  if (!Array.isArray(v)) return [];
  return v.map((i) => {
    const o = (i ?? {}) as Record<string, unknown>;
    return { columns: Array.isArray(o.columns) ? o.columns.map(String) : [], unique: o.unique === true, type: typeof o.type === 'string' ? o.type : null };
  });
}

function indexSql(rel: Relation, idx: { columns: string[]; unique: boolean; type: string | null }): string {
  const name = `${idx.columns.join('_')}_${Math.abs(hashCode(rel.render() + idx.columns.join(','))).toString(16)}`.slice(0, MAX_NAME);
  return `create ${idx.unique ? 'unique ' : ''}index if not exists\n  "${name}"\n  on ${rel.render()} ${idx.type ? `using ${idx.type}` : ''}\n  (${idx.columns.join(', ')})`;
}

function hashCode(t: string): number {
  let h = 0;
  for (let i = 0; i < t.length; i++) h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
  return h;
}

async function materializeIncremental(s: DbtSession, node: DbtNode, sql: string, target: Relation, existing: Relation | null): Promise<AdapterResponse> {
  const full = fullRefresh(s, node);
  const intermediate = withSuffix(target, '__dbt_tmp').withChanges({ type: 'table' });
  const backup = withSuffix(target, '__dbt_backup').withChanges({ type: existing?.type ?? 'table' });
  const runOutside = async (q: string) => (await s.execute(q, false)).response;
  const hooks = await hooksFor(s, node);
  const onSchemaChange = String(node.config.on_schema_change ?? 'ignore');
  if (!['ignore', 'fail', 'append_new_columns', 'sync_all_columns'].includes(onSchemaChange)) {
    throw new DbtError('Compilation', `Invalid value for on_schema_change (${onSchemaChange}) specified. Setting default value of ignore.`, describeNode(node));
  }
  for (const rel of [intermediate, backup]) {
    const pre = await s.getRelation(node.database, node.schema, rel.identifier!);
    if (pre) await s.execute(dropSql(pre), false);
  }
  await runAll(hooks.preOutside, runOutside);
  let needSwap = false;
  let tempRel: Relation | null = null;
  if (existing && !full && existing.type === 'table') {
    // the new rows go to a temporary table first, as dbt-postgres does
    tempRel = withSuffix(target, `__dbt_tmp${hhmmssffffff(s.now())}`).withChanges({ path: { database: null, schema: null }, type: 'table' });
    await s.execute(`create temporary table ${tempRel.render()}\n  \n  \n    as\n  \n  (\n    ${sql}\n  );`, false);
  }
  // columns are read before the transaction: inside it only its own statements may run
  const destColumns = tempRel ? await s.getColumns(existing!) : [];
  const newColumns = tempRel ? await s.getColumns(tempRel) : [];
  const response = await s.transaction(async (run) => {
    await runAll(hooks.preInside, run);
    let r: AdapterResponse;
    if (!existing) {
      r = await run(`create table ${target.render()}\n  \n  \n    as\n  \n  (\n    ${sql}\n  );`);
    } else if (full || existing.type !== 'table') {
      r = await run(`create table ${intermediate.render()}\n  \n  \n    as\n  \n  (\n    ${sql}\n  );`);
      needSwap = true;
    } else {
      const destCols = destColumns.map((c) => c.column);
      const newCols = newColumns.map((c) => c.column);
      const added = newCols.filter((c) => !destCols.includes(c));
      const removed = destCols.filter((c) => !newCols.includes(c));
      let cols = destCols;
      if ((added.length || removed.length) && onSchemaChange === 'fail') {
        throw new DbtError('Compilation', `The source and target schemas on this incremental model are out of sync!\n  They can be reconciled in several ways:\n    - set the \`on_schema_change\` config to either append_new_columns or sync_all_columns, depending on your situation.\n    - Re-run the incremental model with \`full_refresh: True\` to update the target schema.\n    - update the schema manually and re-run the process.\n\n  Additional troubleshooting context:\n     Source columns not in target: ${JSON.stringify(added)}\n     Target columns not in source: ${JSON.stringify(removed)}`, describeNode(node));
      }
      if (added.length && (onSchemaChange === 'append_new_columns' || onSchemaChange === 'sync_all_columns')) {
        const types = new Map(newColumns.map((c) => [c.column, c.dataType]));
        for (const c of added) await run(`alter table ${target.render()} add column ${quoteIdent(c)} ${types.get(c)}`);
        cols = [...destCols, ...added];
      }
      if (removed.length && onSchemaChange === 'sync_all_columns') {
        for (const c of removed) await run(`alter table ${target.render()} drop column ${quoteIdent(c)}`);
        cols = cols.filter((c) => !removed.includes(c));
      }
      const insertCols = cols.filter((c) => newCols.includes(c));
      const csv = columnsCsv(insertCols);
      const strategy = String(node.config.incremental_strategy ?? (node.config.unique_key ? 'delete+insert' : 'append'));
      const uniqueKey = node.config.unique_key;
      const keys = uniqueKey === null || uniqueKey === undefined ? [] : Array.isArray(uniqueKey) ? uniqueKey.map(String) : [String(uniqueKey)];
      const predicates = Array.isArray(node.config.incremental_predicates) ? node.config.incremental_predicates.map(String) : [];
      switch (strategy) {
        case 'append':
          r = await run(`insert into ${target.render()} (${csv})\n    (\n        select ${csv}\n        from ${tempRel!.render()}\n    )`);
          break;
        case 'delete+insert': {
          if (!keys.length) throw new DbtError('Compilation', "The 'delete+insert' incremental strategy needs a unique_key", describeNode(node));
          const extra = predicates.map((p) => `\n    and ${p}`).join('');
          const del =
            keys.length === 1
              ? `delete from ${target.render()} where (\n                ${keys[0]}) in (\n                select distinct ${keys[0]}\n                from ${tempRel!.render()} as DBT_INTERNAL_SOURCE\n            )${extra};`
              : `delete from ${target.render()}\n            using ${tempRel!.render()}\n            where (\n                ${keys.map((k) => `${tempRel!.render()}.${k} = ${target.render()}.${k}`).join('\n                    and ')}\n            )${extra};`;
          await run(del);
          r = await run(`insert into ${target.render()} (${csv})\n    (\n        select ${csv}\n        from ${tempRel!.render()}\n    )`);
          break;
        }
        case 'merge': {
          const on = keys.length ? keys.map((k) => `DBT_INTERNAL_SOURCE.${k} = DBT_INTERNAL_DEST.${k}`).join(' and ') : 'FALSE';
          const update = insertCols.map((c) => `${quoteIdent(c)} = DBT_INTERNAL_SOURCE.${quoteIdent(c)}`).join(',');
          r = await run(`merge into ${target.render()} as DBT_INTERNAL_DEST\n        using ${tempRel!.render()} as DBT_INTERNAL_SOURCE\n        on (${on})\n    ${keys.length ? `when matched then update set\n        ${update}\n    ` : ''}when not matched then insert\n        (${csv})\n    values\n        (${insertCols.map((c) => `DBT_INTERNAL_SOURCE.${quoteIdent(c)}`).join(', ')})`);
          break;
        }
        default:
          throw new DbtError('Compilation', `The incremental strategy '${strategy}' is not valid for this adapter (postgres has append, delete+insert, merge; microbatch is not supported by this runner)`, describeNode(node));
      }
    }
    if (needSwap) {
      await run(`alter table ${existing!.render()} rename to ${quoteIdent(backup.identifier!)}`);
      await run(`alter table ${intermediate.render()} rename to ${quoteIdent(target.identifier!)}`);
    }
    await runAll(hooks.postInside, run);
    return r;
  });
  if (needSwap) await s.execute(dropSql(backup), false);
  if (tempRel) await s.execute(`drop table if exists ${tempRel.render()}`, false);
  await runAll(hooks.postOutside, runOutside);
  return response;
}
