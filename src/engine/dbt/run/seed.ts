import Papa from 'papaparse';
import { DbtError } from '../DbtError';
import type { AdapterResponse } from '../context/DbtRuntime';
import { quoteIdent } from '../context/Relation';
import { describeNode } from '../project/parseProject';
import type { DbtNode } from '../project/types';
import type { DbtSession } from './DbtSession';

const NULLS = new Set(['', 'null']);

/** The type dbt's agate type tester infers for a column of text values (dbt-postgres names). */
export function inferSeedType(values: string[]): string {
  const present = values.map((v) => v.trim()).filter((v) => !NULLS.has(v.toLowerCase()));
  if (!present.length) return 'integer';
  const isNumber = (v: string) => /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v.replace(/,/g, ''));
  if (present.every(isNumber)) return present.some((v) => /[.eE]/.test(v.replace(/,/g, '')) && !/^[-+]?\d+\.0*$/.test(v)) ? 'float8' : 'integer';
  if (present.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  if (present.every((v) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v))) return 'timestamp without time zone';
  if (present.every((v) => /^(true|false)$/i.test(v))) return 'boolean';
  return 'text';
}

/**
 * dbt's seed materialization on Postgres: the CSV is read, each column's type
 * inferred (overridden by `column_types`), the table created (or truncated
 * when it exists and this is not a full refresh), and the rows inserted in
 * batches with bound parameters.
 */
export async function loadSeed(s: DbtSession, node: DbtNode): Promise<{ response: AdapterResponse; rows: number; sql: string }> {
  const parsed = Papa.parse<string[]>(node.seedCsv ?? '', { skipEmptyLines: true, delimiter: String(node.config.delimiter ?? ',') === ',' ? '' : String(node.config.delimiter) });
  if (parsed.errors.length && parsed.errors.some((e) => e.type !== 'Delimiter')) {
    const e = parsed.errors[0];
    throw new DbtError('Runtime', `Error reading ${node.originalFilePath}: ${e.message}${e.row !== undefined ? ` (row ${e.row + 1})` : ''}`, describeNode(node));
  }
  const [header, ...rows] = parsed.data;
  if (!header) throw new DbtError('Runtime', `${node.originalFilePath} is empty: a seed needs a header row`, describeNode(node));
  const names = header.map((h) => h.trim());
  const overrides = (node.config.column_types ?? {}) as Record<string, unknown>;
  const types = names.map((n, i) => (overrides[n] !== undefined ? String(overrides[n]) : inferSeedType(rows.map((r) => r[i] ?? ''))));
  const quote = node.config.quote_columns === true;
  const col = (n: string) => (quote ? quoteIdent(n) : n);
  const target = s.relationOf(node);
  const existing = await s.getRelation(node.database, node.schema, node.alias);
  if (existing?.type === 'view') throw new DbtError('Runtime', `Cannot seed to '${target.render()}', it is a view`, describeNode(node));
  const full = node.config.full_refresh === null || node.config.full_refresh === undefined ? s.flags.fullRefresh : node.config.full_refresh === true;
  const createSql = `create table ${target.render()} (${names.map((n, i) => `${col(n)} ${types[i]}`).join(', ')})`;
  const per = Math.max(1, Math.min(10_000, Math.floor(60_000 / Math.max(1, names.length))));
  let firstInsert = '';
  const response = await s.transaction(async (run) => {
    if (existing && !full) await run(`truncate table ${target.render()}`);
    else {
      if (existing) await run(`drop table if exists ${target.render()} cascade`);
      await run(createSql);
    }
    let last: AdapterResponse = { _message: 'INSERT 0 0', code: 'INSERT', rows_affected: 0 };
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        const ph = names.map((_, j) => {
          const raw = r[j] ?? '';
          const v = types[j] === 'text' ? raw : raw.trim();
          params.push(NULLS.has(v.trim().toLowerCase()) ? null : v);
          return `$${params.length}`;
        });
        return `(${ph.join(',')})`;
      });
      const sql = `insert into ${target.render()} (${names.map(col).join(', ')}) values\n${tuples.join(',')}`;
      if (!firstInsert) firstInsert = sql;
      last = await run(sql, params);
    }
    return last;
  });
  return { response: { ...response, _message: `INSERT ${rows.length}`, code: 'INSERT', rows_affected: rows.length }, rows: rows.length, sql: `${existing && !full ? `truncate table ${target.render()}` : createSql};\n-- dbt seed --\n${firstInsert}` };
}
