import type { MacroRegistry } from '../context/MacroRegistry';
import { Relation } from '../context/Relation';
import { JinjaError } from '../jinja/JinjaError';
import { iterate, str, truthy } from '../jinja/values';
import { defineMacro, s } from './nativeMacro';

const P = 'codegen';

/**
 * The codegen package as this runner carries it: the three macros the
 * course's `dbt run-operation` calls use, printing YAML or SQL to the log.
 */
export function registerCodegen(r: MacroRegistry): void {
  defineMacro(r, P, 'generate_source', ['schema_name', 'database_name', 'generate_columns', 'include_descriptions', 'include_data_types', 'table_pattern', 'exclude', 'name', 'table_names'], { database_name: null, generate_columns: false, include_descriptions: false, include_data_types: true, table_pattern: '%', exclude: '', name: null, table_names: null }, async (a, ctx) => {
    if (!ctx.execute) return '';
    const schema = s(a.schema_name);
    const rows = await ctx.runtime.execute(`select table_name from information_schema.tables where table_schema = '${schema.replace(/'/g, "''")}' and table_name ilike '${s(a.table_pattern).replace(/'/g, "''")}' ${a.exclude ? `and table_name not ilike '${s(a.exclude).replace(/'/g, "''")}'` : ''} order by table_name`, true);
    let tables = rows.table.rowObjects.map((row) => String(row.values[0]));
    if (a.table_names !== null) {
      const wanted = iterate(a.table_names).map(str);
      tables = tables.filter((t) => wanted.includes(t));
    }
    const lines = ['version: 2', '', 'sources:', `  - name: ${a.name === null ? schema : s(a.name)}`];
    if (a.database_name !== null) lines.push(`    database: ${s(a.database_name)}`);
    if (a.name !== null && s(a.name) !== schema) lines.push(`    schema: ${schema}`);
    if (truthy(a.include_descriptions)) lines.push('    description: ""');
    lines.push('    tables:');
    for (const t of tables) {
      lines.push(`      - name: ${t}`);
      if (truthy(a.include_descriptions)) lines.push('        description: ""');
      if (truthy(a.generate_columns)) {
        lines.push('        columns:');
        for (const c of await ctx.runtime.getColumns(new Relation({ database: ctx.runtime.target.database, schema, identifier: t }))) {
          lines.push(`          - name: ${c.column.toLowerCase()}`);
          if (truthy(a.include_data_types)) lines.push(`            data_type: ${c.dataType.toLowerCase()}`);
          if (truthy(a.include_descriptions)) lines.push('            description: ""');
        }
      }
      lines.push('');
    }
    const out = lines.join('\n');
    ctx.runtime.log('info', out);
    return out;
  });

  defineMacro(r, P, 'generate_base_model', ['source_name', 'table_name', 'leading_commas', 'case_sensitive_cols', 'materialized'], { leading_commas: false, case_sensitive_cols: false, materialized: null }, async (a, ctx) => {
    if (!ctx.execute) return '';
    const src = ctx.runtime.resolveSource(s(a.source_name), s(a.table_name), null);
    const cols = (await ctx.runtime.getColumns(ctx.runtime.sourceRelation(src))).map((c) => (truthy(a.case_sensitive_cols) ? `"${c.column}"` : c.column.toLowerCase()));
    if (!cols.length) throw new JinjaError(`generate_base_model: the source ${s(a.source_name)}.${s(a.table_name)} has no columns in the database`);
    const list = truthy(a.leading_commas) ? cols.map((c, i) => `        ${i ? ', ' : ''}${c}`).join('\n') : cols.map((c, i) => `        ${c}${i < cols.length - 1 ? ',' : ''}`).join('\n');
    const header = a.materialized !== null ? `{{ config(materialized='${s(a.materialized)}') }}\n\n` : '';
    const out = `${header}with source as (\n\n    select * from {{ source('${s(a.source_name)}', '${s(a.table_name)}') }}\n\n),\n\nrenamed as (\n\n    select\n${list}\n\n    from source\n\n)\n\nselect * from renamed\n`;
    ctx.runtime.log('info', out);
    return out;
  });

  defineMacro(r, P, 'generate_model_yaml', ['model_names', 'upstream_descriptions', 'include_data_types'], { model_names: [], upstream_descriptions: false, include_data_types: true }, async (a, ctx) => {
    if (!ctx.execute) return '';
    const lines = ['version: 2', '', 'models:'];
    for (const name of iterate(a.model_names).map(str)) {
      const node = ctx.runtime.resolveRef(name, null, null, null);
      lines.push(`  - name: ${name}`, '    description: ""', '    columns:');
      for (const c of await ctx.runtime.getColumns(ctx.runtime.relationOf(node))) {
        lines.push(`      - name: ${c.column.toLowerCase()}`);
        if (truthy(a.include_data_types)) lines.push(`        data_type: ${c.dataType.toLowerCase()}`);
        lines.push('        description: ""', '');
      }
    }
    const out = lines.join('\n');
    ctx.runtime.log('info', out);
    return out;
  });
}
