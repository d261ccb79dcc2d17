import type { MacroRegistry } from '../context/MacroRegistry';
import { iterate, str, truthy } from '../jinja/values';
import { defineMacro, dispatch, s } from './nativeMacro';

/** dbt's four generic tests (`unique`, `not_null`, `accepted_values`, `relationships`), with the SQL dbt writes for them. */
export function registerGenericTests(r: MacroRegistry): void {
  const D = 'dbt';
  const storeFailures = async (ctx: Parameters<Parameters<typeof defineMacro>[5]>[1]) => {
    const c = ctx.node?.config.store_failures;
    return c === null || c === undefined ? ctx.runtime.flags.storeFailures : truthy(c);
  };

  defineMacro(r, D, 'test_unique', ['model', 'column_name'], {}, (a, ctx) => dispatch(ctx, 'test_unique', 'dbt', [a.model, a.column_name]));
  defineMacro(r, D, 'default__test_unique', ['model', 'column_name'], {}, (a) => {
    const c = s(a.column_name);
    return `\n\nselect\n    ${c} as unique_field,\n    count(*) as n_records\n\nfrom ${s(a.model)}\nwhere ${c} is not null\ngroup by ${c}\nhaving count(*) > 1\n\n`;
  });

  defineMacro(r, D, 'test_not_null', ['model', 'column_name'], {}, (a, ctx) => dispatch(ctx, 'test_not_null', 'dbt', [a.model, a.column_name]));
  defineMacro(r, D, 'default__test_not_null', ['model', 'column_name'], {}, async (a, ctx) => {
    const cols = (await storeFailures(ctx)) ? '*' : s(a.column_name);
    return `\n\n\n\nselect ${cols}\nfrom ${s(a.model)}\nwhere ${s(a.column_name)} is null\n\n\n`;
  });

  defineMacro(r, D, 'test_accepted_values', ['model', 'column_name', 'values', 'quote'], { quote: true }, (a, ctx) => dispatch(ctx, 'test_accepted_values', 'dbt', [a.model, a.column_name, a.values, a.quote]));
  defineMacro(r, D, 'default__test_accepted_values', ['model', 'column_name', 'values', 'quote'], { quote: true }, (a) => {
    const c = s(a.column_name);
    const values = iterate(a.values)
      .map((v) => (truthy(a.quote) ? `'${str(v)}'` : str(v)))
      .join(',');
    return `\n\nwith all_values as (\n\n    select\n        ${c} as value_field,\n        count(*) as n_records\n\n    from ${s(a.model)}\n    group by ${c}\n\n)\n\nselect *\nfrom all_values\nwhere value_field not in (\n    ${values}\n)\n\n\n`;
  });

  defineMacro(r, D, 'test_relationships', ['model', 'column_name', 'to', 'field'], {}, (a, ctx) => dispatch(ctx, 'test_relationships', 'dbt', [a.model, a.column_name, a.to, a.field]));
  defineMacro(r, D, 'default__test_relationships', ['model', 'column_name', 'to', 'field'], {}, (a) => {
    return `\n\nwith child as (\n    select ${s(a.column_name)} as from_field\n    from ${s(a.model)}\n    where ${s(a.column_name)} is not null\n),\n\nparent as (\n    select ${s(a.field)} as to_field\n    from ${s(a.to)}\n)\n\nselect\n    from_field\n\nfrom child\nleft join parent\n    on child.from_field = parent.to_field\n\nwhere parent.to_field is null\n\n\n`;
  });

  /** dbt's default__get_test_sql: the query that counts a test's failures. */
  defineMacro(r, D, 'get_test_sql', ['main_sql', 'fail_calc', 'warn_if', 'error_if', 'limit'], { limit: null }, (a, ctx) => dispatch(ctx, 'get_test_sql', 'dbt', [a.main_sql, a.fail_calc, a.warn_if, a.error_if, a.limit]));
  defineMacro(r, D, 'default__get_test_sql', ['main_sql', 'fail_calc', 'warn_if', 'error_if', 'limit'], { limit: null }, (a) => {
    const limit = a.limit === null || a.limit === undefined ? '' : `limit ${s(a.limit)}`;
    return `select\n      ${s(a.fail_calc)} as failures,\n      ${s(a.fail_calc)} ${s(a.warn_if)} as should_warn,\n      ${s(a.fail_calc)} ${s(a.error_if)} as should_error\n    from (\n      ${s(a.main_sql)}\n      ${limit}\n    ) dbt_internal_test`;
  });
}
