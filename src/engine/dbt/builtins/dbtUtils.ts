import type { MacroRegistry } from '../context/MacroRegistry';
import type { RenderContext } from '../context/RenderContext';
import { Column } from '../context/Column';
import { quoteIdent, Relation } from '../context/Relation';
import { JinjaError } from '../jinja/JinjaError';
import { iterate, str, truthy, typeName } from '../jinja/values';
import { defineMacro, dispatch, s } from './nativeMacro';

const P = 'dbt_utils';

function dispatched(r: MacroRegistry, name: string, params: string[], defaults: Record<string, unknown>, body: Parameters<typeof defineMacro>[5]): void {
  defineMacro(r, P, name, params, defaults, (a, ctx) => dispatch(ctx, name, P, params.map((p) => a[p])));
  defineMacro(r, P, `default__${name}`, params, defaults, body);
}

function relationArg(v: unknown, macro: string): Relation {
  if (!(v instanceof Relation)) {
    throw new JinjaError(`Macro ${P}.${macro} expected a Relation but received the value: ${str(v)}`);
  }
  if (v.type === 'cte') {
    throw new JinjaError(`The ${P}.${macro} macro cannot be used with ephemeral models, as it relies on the information schema.\n\n\`${v.identifier}\` is an ephemeral model. Consider making it a view or table instead.`);
  }
  return v;
}

async function columnsOf(ctx: RenderContext, rel: Relation): Promise<Column[]> {
  return ctx.runtime.getColumns(rel);
}

/**
 * The dbt_utils package (1.x) as this runner carries it: its macros written
 * here in TypeScript, producing the SQL dbt_utils writes on Postgres. Each
 * dispatches through `adapter.dispatch(name, 'dbt_utils')`, so a project can
 * override `<project>.default__<name>` as with the real package.
 */
export function registerDbtUtils(r: MacroRegistry): void {
  dispatched(r, 'generate_surrogate_key', ['field_list'], {}, async (a, ctx) => {
    const treatNullsEmpty = ctx.runtime.cliVars.get('surrogate_key_treat_nulls_as_empty_strings') ?? ctx.runtime.rootProject.vars.surrogate_key_treat_nulls_as_empty_strings;
    const nullValue = truthy(treatNullsEmpty) ? '' : '_dbt_utils_surrogate_key_null_';
    const typeString = str(await dispatch(ctx, 'type_string', 'dbt', []));
    const list = iterate(a.field_list);
    const fields: string[] = [];
    list.forEach((f, i) => {
      fields.push(`coalesce(cast(${str(f)} as ${typeString}), '${nullValue}')`);
      if (i < list.length - 1) fields.push("'-'");
    });
    const concat = await dispatch(ctx, 'concat', 'dbt', [fields]);
    return dispatch(ctx, 'hash', 'dbt', [concat]);
  });
  defineMacro(r, P, 'surrogate_key', ['field_list'], {}, () => {
    throw new JinjaError('Warning: `dbt_utils.surrogate_key` has been replaced by `dbt_utils.generate_surrogate_key`. The new macro treats null values differently to empty strings. To restore the behaviour of the original macro, add a global variable in dbt_project.yml called `surrogate_key_treat_nulls_as_empty_strings` to your dbt_project.yml file with a value of True.');
  });

  dispatched(r, 'get_filtered_columns_in_relation', ['from', 'except'], { except: [] }, async (a, ctx) => {
    const rel = relationArg(a.from, 'get_filtered_columns_in_relation');
    if (!ctx.execute) return '';
    const except = iterate(a.except).map((x) => str(x).toLowerCase());
    return (await columnsOf(ctx, rel)).map((c) => c.column).filter((c) => !except.includes(c.toLowerCase()));
  });

  dispatched(r, 'star', ['from', 'relation_alias', 'except', 'prefix', 'suffix', 'quote_identifiers'], { relation_alias: false, except: [], prefix: '', suffix: '', quote_identifiers: true }, async (a, ctx) => {
    const rel = relationArg(a.from, 'star');
    if (!ctx.execute) return '*';
    const except = iterate(a.except).map((x) => str(x).toLowerCase());
    const cols = (await columnsOf(ctx, rel)).map((c) => c.column).filter((c) => !except.includes(c.toLowerCase()));
    if (!cols.length) {
      return ctx.runtime.flags.which === 'compile' ? '*\n/* No columns were returned. Maybe the relation doesn\'t exist yet \nor all columns were excluded. This star is only output during  \ndbt compile, and exists to keep SQLFluff happy. */' : '/* no columns returned from star() macro */';
    }
    const prefix = s(a.prefix);
    const suffix = s(a.suffix);
    const alias = truthy(a.relation_alias) ? `${s(a.relation_alias)}.` : '';
    const quote = truthy(a.quote_identifiers);
    return cols
      .map((c) => {
        const name = quote ? quoteIdent(c) : c;
        const renamed = prefix || suffix ? ` as ${quote ? quoteIdent(prefix + c + suffix) : prefix + c + suffix}` : '';
        return `${alias}${name}${renamed}`;
      })
      .join(',\n  ');
  });

  dispatched(r, 'union_relations', ['relations', 'column_override', 'include', 'exclude', 'source_column_name', 'where'], { column_override: null, include: [], exclude: [], source_column_name: '_dbt_source_relation', where: null }, async (a, ctx) => {
    const include = iterate(a.include).map((x) => str(x).toLowerCase());
    const exclude = iterate(a.exclude).map((x) => str(x).toLowerCase());
    if (include.length && exclude.length) throw new JinjaError('Both an exclude and include list were provided to the `union` macro. Only one is allowed');
    if (!ctx.execute) return '';
    const override = a.column_override instanceof Map ? a.column_override : new Map();
    const relations = iterate(a.relations).map((x) => relationArg(x, 'union_relations'));
    const superset = new Map<string, Column>();
    const perRelation = new Map<Relation, Set<string>>();
    for (const rel of relations) {
      const mine = new Set<string>();
      perRelation.set(rel, mine);
      for (const col of await columnsOf(ctx, rel)) {
        const lower = col.column.toLowerCase();
        if (exclude.length && exclude.includes(lower)) continue;
        if (include.length && !include.includes(lower)) continue;
        mine.add(col.column);
        const stored = superset.get(col.column);
        if (!stored || (col.isString() && stored.isString() && (col.charSize ?? 256) > (stored.charSize ?? 256))) superset.set(col.column, col);
      }
    }
    if ((ctx.runtime.flags.which === 'run' || ctx.runtime.flags.which === 'build') && (include.length || exclude.length) && !superset.size) {
      throw new JinjaError(`There were no columns found to union for relations ${relations.map((x) => x.identifier).join(', ')}`);
    }
    const typeString = str(await dispatch(ctx, 'type_string', 'dbt', []));
    const parts: string[] = [];
    for (const rel of relations) {
      const cols: string[] = [];
      if (a.source_column_name !== null) cols.push(`cast(${str(await dispatch(ctx, 'string_literal', 'dbt', [rel.render()]))} as ${typeString}) as ${s(a.source_column_name)}`);
      for (const [name, col] of superset) {
        const type = override.has(name) ? str(override.get(name)) : col.dataType;
        cols.push(`cast(${perRelation.get(rel)!.has(name) ? quoteIdent(name) : 'null'} as ${type}) as ${quoteIdent(col.column)} `);
      }
      parts.push(`(\n            select\n                ${cols.join(',\n                ')}\n            from ${rel.render()}${a.where ? `\n            where ${s(a.where)}` : ''}\n        )`);
    }
    return parts.join('\n\n        union all\n        ');
  });

  dispatched(r, 'get_column_values', ['table', 'column', 'order_by', 'max_records', 'default', 'where'], { order_by: 'count(*) desc', max_records: null, default: null, where: null }, async (a, ctx) => {
    if (!ctx.execute) return truthy(a.default) ? a.default : [];
    const rel = a.table instanceof Relation ? a.table : null;
    if (rel?.type === 'cte') relationArg(rel, 'get_column_values');
    const exists = rel ? (await ctx.runtime.getRelation(rel.database, rel.schema ?? ctx.runtime.target.schema, rel.identifier ?? '')) !== null : true;
    if (!exists) {
      if (a.default === null) throw new JinjaError(`In get_column_values(): relation ${s(a.table)} does not exist and no default value was provided.`);
      return a.default;
    }
    const sql = `select\n    ${s(a.column)} as value\nfrom ${s(a.table)}${a.where !== null ? `\nwhere ${s(a.where)}` : ''}\ngroup by ${s(a.column)}\norder by ${s(a.order_by)}${a.max_records !== null ? `\nlimit ${s(a.max_records)}` : ''}`;
    const res = await ctx.runtime.execute(sql, true);
    const values = res.table.rowObjects.map((row) => row.values[0]);
    return values.length ? values : a.default;
  });

  dispatched(r, 'get_single_value', ['sql_statement', 'default'], { default: null }, async (a, ctx) => {
    if (!ctx.execute) return a.default;
    const res = await ctx.runtime.execute(s(a.sql_statement), true);
    if (res.table.rowObjects.length > 1 || (res.table.columnNames.length > 1)) throw new JinjaError('dbt_utils.get_single_value() returned more than one value');
    const v = res.table.rowObjects[0]?.values[0];
    return v === undefined || v === null ? a.default : v;
  });

  dispatched(r, 'deduplicate', ['relation', 'partition_by', 'order_by'], {}, (a) => `select\n    distinct on (${s(a.partition_by)}) *\nfrom ${s(a.relation)}\norder by ${s(a.partition_by)},${s(a.order_by)}`);
  dispatched(r, 'safe_add', ['field_list'], {}, (a, ctx) => {
    if (!Array.isArray(a.field_list)) ctx.runtime.log('warn', `Warning: the \`safe_add\` macro now takes a single list argument instead of string arguments.`);
    return iterate(a.field_list).map((f) => `coalesce(${str(f)}, 0)`).join(' +\n  ');
  });
  dispatched(r, 'safe_subtract', ['field_list'], {}, (a) => iterate(a.field_list).map((f) => `coalesce(${str(f)}, 0)`).join(' -\n    '));
  dispatched(r, 'safe_divide', ['numerator', 'denominator'], {}, (a) => `( ${s(a.numerator)} ) / nullif( ( ${s(a.denominator)} ), 0)`);
  dispatched(r, 'group_by', ['n'], {}, (a) => `group by ${Array.from({ length: Number(a.n) }, (_, i) => i + 1).join(',')}`);
  dispatched(r, 'pivot', ['column', 'values', 'alias', 'agg', 'cmp', 'prefix', 'suffix', 'then_value', 'else_value', 'quote_identifiers', 'distinct'], { alias: true, agg: 'sum', cmp: '=', prefix: '', suffix: '', then_value: 1, else_value: 0, quote_identifiers: true, distinct: false }, (a) =>
    iterate(a.values)
      .map((v) => {
        const value = str(v);
        const alias = truthy(a.alias) ? ` as ${truthy(a.quote_identifiers) ? quoteIdent(s(a.prefix) + value + s(a.suffix)) : slugify(s(a.prefix) + value + s(a.suffix))}` : '';
        return `${s(a.agg)}(${truthy(a.distinct) ? ' distinct' : ''}\n      case\n      when ${s(a.column)} ${s(a.cmp)} '${value.replace(/'/g, "''")}'\n        then ${s(a.then_value)}\n      else ${s(a.else_value)}\n      end\n    )${alias}`;
      })
      .join(',\n    '),
  );
  defineMacro(r, P, 'slugify', ['string'], {}, (a) => slugify(s(a.string)));
  dispatched(r, 'date_spine', ['datepart', 'start_date', 'end_date'], {}, (a, ctx) => dispatch(ctx, 'date_spine', 'dbt', [a.datepart, a.start_date, a.end_date]));
  dispatched(r, 'generate_series', ['upper_bound'], {}, (a, ctx) => dispatch(ctx, 'generate_series', 'dbt', [a.upper_bound]));
  defineMacro(r, P, 'pretty_time', ['format'], { format: '%H:%M:%S' }, (a) => {
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    return s(a.format).replace('%H', p(d.getUTCHours())).replace('%M', p(d.getUTCMinutes())).replace('%S', p(d.getUTCSeconds()));
  });
  defineMacro(r, P, 'pretty_log_format', ['message'], {}, (a) => `${new Date().toISOString().slice(11, 19)} + ${s(a.message)}`);
  defineMacro(r, P, 'log_info', ['message'], {}, (a, ctx) => {
    ctx.runtime.log('info', `${new Date().toISOString().slice(11, 19)} + ${s(a.message)}`);
    return '';
  });
  defineMacro(r, P, '_is_relation', ['obj', 'macro'], {}, (a) => {
    if (!(a.obj instanceof Relation) && typeName(a.obj) !== 'PostgresRelation') throw new JinjaError(`Macro ${P}.${s(a.macro)} expected a Relation but received the value: ${s(a.obj)}`);
    return '';
  });
  defineMacro(r, P, '_is_ephemeral', ['obj', 'macro'], {}, (a) => {
    if (a.obj instanceof Relation) relationArg(a.obj, s(a.macro));
    return '';
  });

  // ---- generic tests ----
  const test = (name: string, params: string[], defaults: Record<string, unknown>, body: Parameters<typeof defineMacro>[5]) => dispatched(r, `test_${name}`, params, defaults, body);
  test('expression_is_true', ['model', 'expression', 'column_name'], { column_name: null }, (a) => `select\n    1\nfrom ${s(a.model)}\nwhere not(${a.column_name === null ? s(a.expression) : `${s(a.column_name)} ${s(a.expression)}`})`);
  test('accepted_range', ['model', 'column_name', 'min_value', 'max_value', 'inclusive'], { min_value: null, max_value: null, inclusive: true }, (a) => {
    const eq = truthy(a.inclusive) ? '=' : '';
    const conds = ['1 = 2'];
    if (a.min_value !== null) conds.push(`not ${s(a.column_name)} >${eq} ${s(a.min_value)}`);
    if (a.max_value !== null) conds.push(`not ${s(a.column_name)} <${eq} ${s(a.max_value)}`);
    return `with meet_condition as(\n  select *\n  from ${s(a.model)}\n),\n\nvalidation_errors as (\n  select *\n  from meet_condition\n  where\n    ${conds.join('\n    or ')}\n)\n\nselect *\nfrom validation_errors`;
  });
  test('unique_combination_of_columns', ['model', 'combination_of_columns', 'quote_columns'], { quote_columns: false }, (a) => {
    const cols = iterate(a.combination_of_columns).map((c) => (truthy(a.quote_columns) ? quoteIdent(str(c)) : str(c))).join(', ');
    return `with validation_errors as (\n\n    select\n        ${cols}\n    from ${s(a.model)}\n    group by ${cols}\n    having count(*) > 1\n\n)\n\nselect *\nfrom validation_errors`;
  });
  test('not_constant', ['model', 'column_name', 'group_by_columns'], { group_by_columns: [] }, (a) => {
    const gb = iterate(a.group_by_columns).map(str);
    return `select\n    ${gb.length ? gb.join(' ,') + ', ' : ''}count(distinct ${s(a.column_name)}) as filler_column\nfrom ${s(a.model)}\n${gb.length ? 'group by ' + gb.join(',') : ''}\nhaving count(distinct ${s(a.column_name)}) = 1`;
  });
  test('not_empty_string', ['model', 'column_name', 'trim_whitespace'], { trim_whitespace: true }, (a) => {
    const c = s(a.column_name);
    return `with\n\nall_values as (\n    select\n        ${a.trim_whitespace === true ? `trim(${c}) as ${c}` : c}\n    from ${s(a.model)}\n),\n\nerrors as (\n    select * from all_values\n    where ${c} = ''\n)\n\nselect * from errors`;
  });
  test('not_accepted_values', ['model', 'column_name', 'values', 'quote'], { quote: true }, (a) => {
    const values = iterate(a.values).map((v) => (truthy(a.quote) ? `'${str(v)}'` : str(v))).join(',');
    return `with all_values as (\n\n    select distinct\n        ${s(a.column_name)} as value_field\n\n    from ${s(a.model)}\n\n),\n\nvalidation_errors as (\n\n    select\n        value_field\n\n    from all_values\n    where value_field in (\n        ${values}\n        )\n\n)\n\nselect *\nfrom validation_errors`;
  });
  test('at_least_one', ['model', 'column_name', 'group_by_columns'], { group_by_columns: [] }, (a) => {
    const c = s(a.column_name);
    const gb = iterate(a.group_by_columns).map(str);
    const pruned = gb.length ? [...gb, ...(gb.includes(c) ? [] : [c])] : [c];
    return `select *\nfrom (\n    with pruned_rows as (\n      select\n        ${pruned.join(' ,')}\n      from ${s(a.model)}\n      where ${c} is not null\n      limit 1\n    )\n    select\n      ${gb.length ? gb.join(' ,') + ', ' : ''}count(${c}) as filler_column\n    from pruned_rows\n    ${gb.length ? 'group by ' + gb.join(',') : ''}\n    having count(${c}) = 0\n) validation_errors`;
  });
  test('not_null_proportion', ['model', 'group_by_columns'], { group_by_columns: [] }, (_a, _ctx, call) => {
    const kw = call.kwargs;
    const model = call.args[0] ?? kw.get('model');
    const column = str(kw.get('column_name') ?? kw.get('arg'));
    const atLeast = str(kw.get('at_least') ?? kw.get('arg'));
    const atMost = str(kw.get('at_most') ?? kw.get('arg') ?? 1);
    const gb = iterate(kw.get('group_by_columns') ?? []).map(str);
    const sel = gb.length ? gb.join(' ,') + ', ' : '';
    const grp = gb.length ? 'group by ' + gb.join(',') : '';
    return `with validation as (\n  select\n    ${sel}sum(case when ${column} is null then 0 else 1 end) / cast(count(*) as numeric) as not_null_proportion\n  from ${str(model)}\n  ${grp}\n),\nvalidation_errors as (\n  select\n    ${sel}not_null_proportion\n  from validation\n  where not_null_proportion < ${atLeast} or not_null_proportion > ${atMost}\n)\nselect\n  *\nfrom validation_errors`;
  });
  test('relationships_where', ['model', 'column_name', 'to', 'field', 'from_condition', 'to_condition'], { from_condition: '1=1', to_condition: '1=1' }, (a) => `with left_table as (\n  select\n    ${s(a.column_name)} as id\n  from ${s(a.model)}\n  where ${s(a.column_name)} is not null\n    and ${s(a.from_condition)}\n),\nright_table as (\n  select\n    ${s(a.field)} as id\n  from ${s(a.to)}\n  where ${s(a.field)} is not null\n    and ${s(a.to_condition)}\n),\nexceptions as (\n  select\n    left_table.id,\n    right_table.id as right_id\n  from left_table\n  left join right_table\n         on left_table.id = right_table.id\n  where right_table.id is null\n)\nselect * from exceptions`);
  test('equal_rowcount', ['model', 'compare_model', 'group_by_columns'], { group_by_columns: [] }, (a, ctx) => {
    if (ctx.mode === 'parse') ctx.capture.config = { ...ctx.capture.config, fail_calc: 'sum(coalesce(diff_count, 0))' };
    if (!ctx.execute) return '';
    return `with a as (\n    select 1 as id_dbtutils_test_equal_rowcount, count(*) as count_a from ${s(a.model)} group by id_dbtutils_test_equal_rowcount\n),\nb as (\n    select 1 as id_dbtutils_test_equal_rowcount, count(*) as count_b from ${s(a.compare_model)} group by id_dbtutils_test_equal_rowcount\n),\nfinal as (\n    select\n        a.id_dbtutils_test_equal_rowcount as id_dbtutils_test_equal_rowcount_a,\n        b.id_dbtutils_test_equal_rowcount as id_dbtutils_test_equal_rowcount_b,\n        count_a,\n        count_b,\n        abs(count_a - count_b) as diff_count\n    from a\n    full join b\n    on a.id_dbtutils_test_equal_rowcount = b.id_dbtutils_test_equal_rowcount\n)\nselect * from final`;
  });
}

function slugify(text: string): string {
  let out = text.toLowerCase().replace(/[ -]+/g, '_').replace(/[^a-z0-9_]+/g, '');
  if (/^\d/.test(out)) out = '_' + out;
  return out;
}
