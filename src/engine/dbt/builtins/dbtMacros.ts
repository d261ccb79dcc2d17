import type { MacroRegistry } from '../context/MacroRegistry';
import { translateType, numericType } from '../context/Column';
import { JinjaError } from '../jinja/JinjaError';
import { asInt, iterate, NativeFunction, str, truthy } from '../jinja/values';
import { AgateTable } from '../context/AgateTable';
import { defineDispatched, defineMacro, dispatch, s } from './nativeMacro';

/**
 * dbt's own macros (its "global project" and dbt-postgres'), written here in
 * TypeScript: the cross-database utilities (`dbt.safe_cast`, `dbt.date_trunc`,
 * `dbt.datediff`…), the custom-name macros, `is_incremental`, `statement` and
 * `run_query`. Each top-level macro dispatches like dbt's
 * (`adapter.dispatch('x', 'dbt')`), so a project may override
 * `postgres__x`/`default__x`; the SQL they write is the SQL dbt-postgres writes.
 */
export function registerDbtMacros(r: MacroRegistry): void {
  const D = 'dbt';
  const PG = 'dbt_postgres';

  // ---- cross-database utilities ----
  defineDispatched(r, D, 'safe_cast', ['field', 'type']);
  defineMacro(r, D, 'default__safe_cast', ['field', 'type'], {}, (a) => `cast(${s(a.field)} as ${s(a.type)})`);
  defineDispatched(r, D, 'cast', ['field', 'type']);
  defineMacro(r, D, 'default__cast', ['field', 'type'], {}, (a) => `cast(${s(a.field)} as ${s(a.type)})`);
  defineDispatched(r, D, 'date_trunc', ['datepart', 'date']);
  defineMacro(r, D, 'default__date_trunc', ['datepart', 'date'], {}, (a) => `date_trunc('${s(a.datepart)}', ${s(a.date)})`);
  defineDispatched(r, D, 'dateadd', ['datepart', 'interval', 'from_date_or_timestamp']);
  defineMacro(r, D, 'default__dateadd', ['datepart', 'interval', 'from_date_or_timestamp'], {}, (a) => `dateadd(\n        ${s(a.datepart)},\n        ${s(a.interval)},\n        ${s(a.from_date_or_timestamp)}\n        )`);
  defineMacro(r, PG, 'postgres__dateadd', ['datepart', 'interval', 'from_date_or_timestamp'], {}, (a) => `${s(a.from_date_or_timestamp)} + ((interval '1 ${s(a.datepart)}') * (${s(a.interval)}))`);
  defineDispatched(r, D, 'datediff', ['first_date', 'second_date', 'datepart']);
  defineMacro(r, D, 'default__datediff', ['first_date', 'second_date', 'datepart'], {}, (a) => `datediff(\n        ${s(a.datepart)},\n        ${s(a.first_date)},\n        ${s(a.second_date)}\n        )`);
  defineMacro(r, PG, 'postgres__datediff', ['first_date', 'second_date', 'datepart'], {}, async (a, ctx) => {
    const f = s(a.first_date);
    const t = s(a.second_date);
    const sub = async (part: string) => str(await dispatch(ctx, 'datediff', 'dbt', [a.first_date, a.second_date, part]));
    switch (s(a.datepart)) {
      case 'year':
        return `(date_part('year', (${t})::date) - date_part('year', (${f})::date))`;
      case 'quarter':
        return `(${await sub('year')} * 4 + date_part('quarter', (${t})::date) - date_part('quarter', (${f})::date))`;
      case 'month':
        return `(${await sub('year')} * 12 + date_part('month', (${t})::date) - date_part('month', (${f})::date))`;
      case 'day':
        return `((${t})::date - (${f})::date)`;
      case 'week':
        return `(${await sub('day')} / 7 + case\n            when date_part('dow', (${f})::timestamp) <= date_part('dow', (${t})::timestamp) then\n                case when ${f} <= ${t} then 0 else -1 end\n            else\n                case when ${f} <= ${t} then 1 else 0 end\n        end)`;
      case 'hour':
        return `(${await sub('day')} * 24 + date_part('hour', (${t})::timestamp) - date_part('hour', (${f})::timestamp))`;
      case 'minute':
        return `(${await sub('hour')} * 60 + date_part('minute', (${t})::timestamp) - date_part('minute', (${f})::timestamp))`;
      case 'second':
        return `(${await sub('minute')} * 60 + floor(date_part('second', (${t})::timestamp)) - floor(date_part('second', (${f})::timestamp)))`;
      case 'millisecond':
        return `(${await sub('minute')} * 60000 + floor(date_part('millisecond', (${t})::timestamp)) - floor(date_part('millisecond', (${f})::timestamp)))`;
      case 'microsecond':
        return `(${await sub('minute')} * 60000000 + floor(date_part('microsecond', (${t})::timestamp)) - floor(date_part('microsecond', (${f})::timestamp)))`;
    }
    throw new JinjaError(`Unsupported datepart for macro datediff in postgres: '${s(a.datepart)}'`);
  });
  defineDispatched(r, D, 'concat', ['fields']);
  defineMacro(r, D, 'default__concat', ['fields'], {}, (a) => iterate(a.fields).map(str).join(' || '));
  defineDispatched(r, D, 'hash', ['field']);
  defineMacro(r, D, 'default__hash', ['field'], {}, (a) => `md5(cast(${s(a.field)} as ${translateType('string')}))`);
  const types: [string, () => string][] = [
    ['type_string', () => translateType('string')],
    ['type_timestamp', () => translateType('timestamp')],
    ['type_float', () => translateType('float')],
    ['type_numeric', () => numericType('numeric', 28, 6)],
    ['type_bigint', () => translateType('bigint')],
    ['type_int', () => translateType('integer')],
    ['type_boolean', () => translateType('boolean')],
  ];
  for (const [name, fn] of types) {
    defineDispatched(r, D, name, []);
    defineMacro(r, D, `default__${name}`, [], {}, fn);
  }
  defineDispatched(r, D, 'cast_bool_to_text', ['field']);
  defineMacro(r, D, 'default__cast_bool_to_text', ['field'], {}, (a) => `cast(${s(a.field)} as ${translateType('string')})`);
  defineDispatched(r, D, 'any_value', ['expression']);
  defineMacro(r, D, 'default__any_value', ['expression'], {}, (a) => `any_value(${s(a.expression)})`);
  defineMacro(r, PG, 'postgres__any_value', ['expression'], {}, (a) => `min(${s(a.expression)})`);
  defineDispatched(r, D, 'replace', ['field', 'old_chars', 'new_chars']);
  defineMacro(r, D, 'default__replace', ['field', 'old_chars', 'new_chars'], {}, (a) => `replace(\n        ${s(a.field)},\n        ${s(a.old_chars)},\n        ${s(a.new_chars)}\n    )`);
  defineDispatched(r, D, 'escape_single_quotes', ['expression']);
  defineMacro(r, D, 'default__escape_single_quotes', ['expression'], {}, (a) => s(a.expression).replace(/'/g, "''"));
  defineDispatched(r, D, 'split_part', ['string_text', 'delimiter_text', 'part_number']);
  defineMacro(r, D, 'default__split_part', ['string_text', 'delimiter_text', 'part_number'], {}, (a) => `split_part(\n        ${s(a.string_text)},\n        ${s(a.delimiter_text)},\n        ${s(a.part_number)}\n        )`);
  defineMacro(r, PG, 'postgres__split_part', ['string_text', 'delimiter_text', 'part_number'], {}, (a) => {
    const n = Number(a.part_number);
    if (n >= 0) return `split_part(\n        ${s(a.string_text)},\n        ${s(a.delimiter_text)},\n        ${s(a.part_number)}\n        )`;
    return `split_part(\n        ${s(a.string_text)},\n        ${s(a.delimiter_text)},\n          length(${s(a.string_text)})\n          - length(\n              replace(${s(a.string_text)},  ${s(a.delimiter_text)}, '')\n          ) + 2 + ${s(a.part_number)}\n        )`;
  });
  defineDispatched(r, D, 'last_day', ['date', 'datepart']);
  const lastDay = async (ctx: Parameters<Parameters<typeof defineMacro>[5]>[1], date: unknown, datepart: string, months: string | null) => {
    const trunc = await dispatch(ctx, 'date_trunc', 'dbt', [datepart, date]);
    const plus = await dispatch(ctx, 'dateadd', 'dbt', months ? ['month', months, trunc] : [datepart, '1', trunc]);
    return `cast(\n        ${str(await dispatch(ctx, 'dateadd', 'dbt', ['day', '-1', plus]))}\n        as date)`;
  };
  defineMacro(r, D, 'default__last_day', ['date', 'datepart'], {}, (a, ctx) => lastDay(ctx, a.date, s(a.datepart), null));
  defineMacro(r, PG, 'postgres__last_day', ['date', 'datepart'], {}, (a, ctx) => lastDay(ctx, a.date, s(a.datepart), s(a.datepart) === 'quarter' ? '3' : null));
  defineDispatched(r, D, 'length', ['expression']);
  defineMacro(r, D, 'default__length', ['expression'], {}, (a) => `length(\n        ${s(a.expression)}\n    )`);
  defineDispatched(r, D, 'position', ['substring_text', 'string_text']);
  defineMacro(r, D, 'default__position', ['substring_text', 'string_text'], {}, (a) => `position(\n        ${s(a.substring_text)} in ${s(a.string_text)}\n    )`);
  defineDispatched(r, D, 'right', ['string_text', 'length_expression']);
  defineMacro(r, D, 'default__right', ['string_text', 'length_expression'], {}, (a) => `right(\n        ${s(a.string_text)},\n        ${s(a.length_expression)}\n    )`);
  defineDispatched(r, D, 'listagg', ['measure', 'delimiter_text', 'order_by_clause', 'limit_num'], { delimiter_text: "','", order_by_clause: null, limit_num: null });
  defineMacro(r, PG, 'postgres__listagg', ['measure', 'delimiter_text', 'order_by_clause', 'limit_num'], {}, (a) => {
    const order = truthy(a.order_by_clause) ? `\n            ${s(a.order_by_clause)}` : '';
    if (truthy(a.limit_num)) return `array_to_string(\n        (array_agg(\n            ${s(a.measure)}${order}\n        ))[1:${s(a.limit_num)}],\n        ${s(a.delimiter_text)}\n        )`;
    return `string_agg(\n        ${s(a.measure)},\n        ${s(a.delimiter_text)}${order}\n        )`;
  });
  defineDispatched(r, D, 'string_literal', ['value']);
  defineMacro(r, D, 'default__string_literal', ['value'], {}, (a) => `'${s(a.value)}'`);
  defineDispatched(r, D, 'except', []);
  defineMacro(r, D, 'default__except', [], {}, () => 'except');
  defineDispatched(r, D, 'intersect', []);
  defineMacro(r, D, 'default__intersect', [], {}, () => 'intersect');
  defineDispatched(r, D, 'bool_or', ['expression']);
  defineMacro(r, D, 'default__bool_or', ['expression'], {}, (a) => `bool_or(${s(a.expression)})`);
  defineDispatched(r, D, 'equals', ['expr1', 'expr2']);
  defineMacro(r, D, 'default__equals', ['expr1', 'expr2'], {}, (a) => `(${s(a.expr1)} = ${s(a.expr2)})`);
  defineDispatched(r, D, 'current_timestamp', []);
  defineMacro(r, PG, 'postgres__current_timestamp', [], {}, () => 'now()');
  defineDispatched(r, D, 'current_timestamp_backcompat', []);
  defineMacro(r, PG, 'postgres__current_timestamp_backcompat', [], {}, () => 'current_timestamp::timestamp');
  defineDispatched(r, D, 'current_timestamp_in_utc_backcompat', []);
  defineMacro(r, PG, 'postgres__current_timestamp_in_utc_backcompat', [], {}, () => "(current_timestamp at time zone 'utc')::timestamp");
  defineDispatched(r, D, 'date', ['year', 'month', 'day']);
  defineMacro(r, D, 'default__date', ['year', 'month', 'day'], {}, (a) => {
    const pad = (n: unknown, w: number) => String(asInt(n, 'date part')).padStart(w, '0');
    return `to_date('${pad(a.year, 4)}-${pad(a.month, 2)}-${pad(a.day, 2)}', 'YYYY-MM-DD')`;
  });
  defineDispatched(r, D, 'array_construct', ['inputs', 'data_type'], { inputs: [], data_type: 'integer' });
  defineMacro(r, D, 'default__array_construct', ['inputs', 'data_type'], {}, (a) => {
    const items = iterate(a.inputs).map(str);
    return items.length ? `array[ ${items.join(' , ')} ]` : `array[]::${s(a.data_type)}[]`;
  });
  defineDispatched(r, D, 'array_append', ['array', 'new_element']);
  defineMacro(r, D, 'default__array_append', ['array', 'new_element'], {}, (a) => `array_append(${s(a.array)}, ${s(a.new_element)})`);
  defineDispatched(r, D, 'array_concat', ['array_1', 'array_2']);
  defineMacro(r, D, 'default__array_concat', ['array_1', 'array_2'], {}, (a) => `array_cat(${s(a.array_1)}, ${s(a.array_2)})`);

  // ---- series and spines ----
  defineDispatched(r, D, 'get_powers_of_two', ['upper_bound']);
  defineMacro(r, D, 'default__get_powers_of_two', ['upper_bound'], {}, (a) => {
    const n = Number(a.upper_bound);
    if (!(n > 0)) throw new JinjaError('upper bound must be positive');
    for (let i = 1; i < 100; i++) if (n <= 2 ** i) return i;
    return 99;
  });
  defineDispatched(r, D, 'generate_series', ['upper_bound']);
  defineMacro(r, D, 'default__generate_series', ['upper_bound'], {}, async (a, ctx) => {
    const n = Number(await dispatch(ctx, 'get_powers_of_two', 'dbt', [a.upper_bound]));
    const terms = Array.from({ length: n }, (_, i) => `p${i}.generated_number * power(2, ${i})`).join('\n     + ');
    const froms = Array.from({ length: n }, (_, i) => `p as p${i}`).join('\n     cross join ');
    return `with p as (\n        select 0 as generated_number union all select 1\n    ), unioned as (\n    select\n     ${terms}\n     + 1\n    as generated_number\n    from\n     ${froms}\n    )\n    select *\n    from unioned\n    where generated_number <= ${s(a.upper_bound)}\n    order by generated_number`;
  });
  defineDispatched(r, D, 'get_intervals_between', ['start_date', 'end_date', 'datepart']);
  defineMacro(r, D, 'default__get_intervals_between', ['start_date', 'end_date', 'datepart'], {}, async (a, ctx) => {
    if (!ctx.execute) return 1;
    const diff = await dispatch(ctx, 'datediff', 'dbt', [a.start_date, a.end_date, a.datepart]);
    const res = await ctx.runtime.execute(`select ${str(diff)}`, true);
    const v = res.table.rowObjects[0]?.values[0];
    return v === null || v === undefined ? 1 : Number(v);
  });
  defineDispatched(r, D, 'date_spine', ['datepart', 'start_date', 'end_date']);
  defineMacro(r, D, 'default__date_spine', ['datepart', 'start_date', 'end_date'], {}, async (a, ctx) => {
    const intervals = await dispatch(ctx, 'get_intervals_between', 'dbt', [a.start_date, a.end_date, a.datepart]);
    const series = await dispatch(ctx, 'generate_series', 'dbt', [intervals]);
    const add = await dispatch(ctx, 'dateadd', 'dbt', [a.datepart, 'row_number() over (order by 1) - 1', a.start_date]);
    const part = s(a.datepart);
    return `with rawdata as (\n    ${str(series)}\n),\nall_periods as (\n    select (\n        ${str(add)}\n    ) as date_${part}\n    from rawdata\n),\nfiltered as (\n    select *\n    from all_periods\n    where date_${part} <= ${s(a.end_date)}\n)\nselect * from filtered`;
  });

  // ---- names ----
  defineMacro(r, D, 'generate_schema_name', ['custom_schema_name', 'node'], { custom_schema_name: null, node: null }, (a, ctx) => dispatch(ctx, 'generate_schema_name', 'dbt', [a.custom_schema_name, a.node]));
  defineMacro(r, D, 'default__generate_schema_name', ['custom_schema_name', 'node'], {}, (a, ctx) => (a.custom_schema_name === null || a.custom_schema_name === undefined ? ctx.runtime.target.schema : `${ctx.runtime.target.schema}_${s(a.custom_schema_name).trim()}`));
  defineMacro(r, D, 'generate_schema_name_for_env', ['custom_schema_name', 'node'], {}, (a, ctx) => (ctx.runtime.target.name === 'prod' && a.custom_schema_name !== null ? s(a.custom_schema_name).trim() : ctx.runtime.target.schema));
  defineMacro(r, D, 'generate_alias_name', ['custom_alias_name', 'node'], { custom_alias_name: null, node: null }, (a, ctx) => dispatch(ctx, 'generate_alias_name', 'dbt', [a.custom_alias_name, a.node]));
  defineMacro(r, D, 'default__generate_alias_name', ['custom_alias_name', 'node'], {}, (a, ctx) => {
    if (truthy(a.custom_alias_name)) return s(a.custom_alias_name).trim();
    const node = a.node instanceof Map ? a.node : null;
    return node ? s(node.get('name')) : s(ctx.node?.name ?? '');
  });
  defineMacro(r, D, 'generate_database_name', ['custom_database_name', 'node'], { custom_database_name: null, node: null }, (a, ctx) => dispatch(ctx, 'generate_database_name', 'dbt', [a.custom_database_name, a.node]));
  defineMacro(r, D, 'default__generate_database_name', ['custom_database_name', 'node'], {}, (a, ctx) => (a.custom_database_name === null || a.custom_database_name === undefined ? ctx.runtime.target.database : s(a.custom_database_name).trim()));

  // ---- run-time helpers ----
  defineMacro(r, D, 'should_full_refresh', [], {}, (_a, ctx) => {
    const c = ctx.node?.config.full_refresh;
    return c === null || c === undefined ? ctx.runtime.flags.fullRefresh : truthy(c);
  });
  defineMacro(r, D, 'should_store_failures', [], {}, (_a, ctx) => {
    const c = ctx.node?.config.store_failures;
    return c === null || c === undefined ? ctx.runtime.flags.storeFailures : truthy(c);
  });
  defineMacro(r, D, 'is_incremental', [], {}, async (_a, ctx) => {
    if (!ctx.execute || !ctx.node) return false;
    const node = ctx.node;
    if (node.config.materialized !== 'incremental') return false;
    const full = node.config.full_refresh === null || node.config.full_refresh === undefined ? ctx.runtime.flags.fullRefresh : truthy(node.config.full_refresh);
    if (full) return false;
    const rel = await ctx.runtime.getRelation(node.database, node.schema, node.alias);
    return rel !== null && rel.type === 'table';
  });
  defineMacro(r, D, 'run_query', ['sql'], {}, async (a, ctx) => {
    if (!ctx.execute) return null;
    return (await ctx.runtime.execute(s(a.sql), true)).table;
  });
  defineMacro(r, D, 'statement', ['name', 'fetch_result', 'auto_begin', 'language'], { name: null, fetch_result: false, auto_begin: true, language: 'sql' }, async (a, ctx, call) => {
    if (!ctx.execute) return '';
    if (!call.caller) throw new JinjaError('statement() must be used as `{% call statement(...) %}…{% endcall %}`');
    if (a.language !== 'sql') throw new JinjaError("statement macro didn't get supported language");
    const sql = str(await call.caller.invoke({ args: [], kwargs: new Map() }, ctx.env));
    const res = await ctx.runtime.execute(sql, truthy(a.fetch_result));
    if (a.name !== null) ctx.sqlResults.set(s(a.name), resultDict(res.response, res.table));
    return '';
  });
  defineMacro(r, D, 'noop_statement', ['name', 'message', 'code', 'rows_affected', 'res'], { name: null, message: null, code: null, rows_affected: null, res: null }, async (a, ctx, call) => {
    if (call.caller) await call.caller.invoke({ args: [], kwargs: new Map() }, ctx.env);
    if (a.name !== null) ctx.sqlResults.set(s(a.name), resultDict({ _message: s(a.message ?? ''), code: s(a.code ?? ''), rows_affected: Number(a.rows_affected ?? 0) }, a.res instanceof AgateTable ? a.res : new AgateTable([], [])));
    return '';
  });
  defineMacro(r, D, 'get_where_subquery', ['relation'], {}, (a, ctx) => dispatch(ctx, 'get_where_subquery', 'dbt', [a.relation]));
  defineMacro(r, D, 'default__get_where_subquery', ['relation'], {}, (a, ctx) => {
    const where = ctx.node?.config.where;
    return typeof where === 'string' && where ? `(select * from ${s(a.relation)} where ${where}) dbt_subquery` : a.relation;
  });
  defineMacro(r, D, 'get_columns_in_relation', ['relation'], {}, async (a, ctx) => (ctx.execute ? ctx.runtime.getColumns(a.relation as never) : []));
  defineMacro(r, D, 'get_columns_in_query', ['select_sql'], {}, async (a, ctx) => {
    if (!ctx.execute) return [];
    const res = await ctx.runtime.execute(`select * from (\n${s(a.select_sql)}\n) as __dbt_sbq\nwhere false\nlimit 0`, true);
    return res.table.columnNames;
  });
  defineMacro(r, D, 'drop_relation_if_exists', ['relation'], {}, async (a, ctx) => {
    if (a.relation === null || !ctx.execute) return '';
    const adapter = ctx.globals('adapter') as { getAttr(n: string): unknown };
    await (adapter.getAttr('drop_relation') as NativeFunction).invoke({ args: [a.relation], kwargs: new Map() }, ctx.env);
    return '';
  });
  defineMacro(r, D, 'persist_docs', ['relation', 'model', 'for_relation', 'for_columns'], { for_relation: true, for_columns: true }, () => '');
  defineMacro(r, D, 'set_sql_header', ['config'], {}, () => '');
}

/** What load_result('x') gives: response, data (rows as lists) and table. */
export function resultDict(response: { _message: string; code: string; rows_affected: number }, table: AgateTable): Map<unknown, unknown> {
  const resp = new Map<unknown, unknown>(Object.entries(response));
  return new Map<unknown, unknown>([
    ['response', resp],
    ['data', table.rowObjects.map((r) => [...r.values])],
    ['table', table],
  ]);
}
