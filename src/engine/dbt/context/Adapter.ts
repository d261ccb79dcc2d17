import { JinjaError } from '../jinja/JinjaError';
import { AttrObject, bindArgs, isList, MISSING, NativeFunction, PyObject, str, truthy, type CallArgs } from '../jinja/values';
import { AgateTable } from './AgateTable';
import { Column } from './Column';
import { quoteIdent, Relation } from './Relation';
import type { RenderContext } from './RenderContext';

/** dbt behavior flags (`adapter.behavior.x.no_warn`): all off, as a fresh dbt-postgres project has them. */
class BehaviorFlags extends PyObject {
  readonly typeName = 'Behavior';
  getAttr(): unknown {
    return new AttrObject('BehaviorFlag', { no_warn: false, setting: false }, 'False');
  }
}

/**
 * dbt's `adapter` for Postgres: dispatch, relation and column lookups against
 * the target database, quoting, and the DDL helpers projects call. While
 * dbt parses (execute is false), lookups return nothing and run nothing.
 */
export class Adapter extends PyObject {
  readonly typeName = 'PostgresAdapter';
  private readonly fns = new Map<string, NativeFunction>();
  constructor(private readonly ctx: RenderContext) {
    super();
  }

  private fn(name: string, impl: (c: CallArgs) => unknown): NativeFunction {
    let f = this.fns.get(name);
    if (!f) {
      f = new NativeFunction(`adapter.${name}`, impl);
      this.fns.set(name, f);
    }
    return f;
  }

  /** adapter.dispatch(name, macro_namespace): `<package>.postgres__name`, then `default__name`, per dbt's search order. */
  dispatch(macroName: string, namespace: string | null): unknown {
    if (macroName.includes('.')) {
      const [ns, name] = macroName.split('.', 2);
      throw new JinjaError(`In adapter.dispatch, got a macro name of "${macroName}", but "." is not a valid macro name component. Did you mean \`adapter.dispatch("${name}", macro_namespace="${ns}")\`?`);
    }
    const rt = this.ctx.runtime;
    let packages: (string | null)[] = [null];
    if (namespace !== null) {
      const order = rt.macros.dispatchOrder.get(namespace);
      if (order?.length) packages = order;
      else if (rt.macros.hasPackage(namespace) && namespace !== rt.rootProject.name) packages = [rt.rootProject.name, namespace];
    }
    const attempts: string[] = [];
    for (const pkg of packages) {
      for (const prefix of ['postgres', 'default']) {
        const name = `${prefix}__${macroName}`;
        const def = pkg === null ? rt.macros.resolve(name, this.ctx.searchPackage) : rt.macros.fromPackage(pkg, name);
        attempts.push(pkg === null ? name : `${pkg}.${name}`);
        if (def) return this.ctx.callable(def);
      }
    }
    throw new JinjaError(`In dispatch: No macro named '${macroName}' found within namespace: '${namespace}'\n    Searched for: ${attempts.map((a) => `'${a}'`).join(', ')}`);
  }

  private relationArg(v: unknown, what: string): Relation {
    if (!(v instanceof Relation)) throw new JinjaError(`${what} expects a relation, got ${str(v)}`);
    return v;
  }

  getAttr(name: string): unknown {
    const ctx = this.ctx;
    const rt = ctx.runtime;
    const exec = ctx.execute;
    switch (name) {
      case 'dispatch':
        return this.fn(name, (c) => {
          const a = bindArgs('adapter.dispatch', c, ['macro_name', 'macro_namespace', 'packages'], { macro_namespace: null, packages: null });
          if (a.packages !== null) throw new JinjaError('The "packages" argument of adapter.dispatch() has been deprecated. Use the "macro_namespace" argument instead.');
          return this.dispatch(str(a.macro_name), a.macro_namespace === null ? null : str(a.macro_namespace));
        });
      case 'type':
        return this.fn(name, () => 'postgres');
      case 'quote':
        return this.fn(name, (c) => quoteIdent(str(c.args[0])));
      case 'quote_as_configured':
        return this.fn(name, (c) => quoteIdent(str(c.args[0])));
      case 'quote_seed_column':
        return this.fn(name, (c) => (c.args[1] === false ? str(c.args[0]) : quoteIdent(str(c.args[0]))));
      case 'verify_database':
        return this.fn(name, (c) => {
          const db = str(c.args[0]);
          if (db !== rt.target.database) throw new JinjaError(`Cross-db references not allowed in postgres (${db} vs ${rt.target.database})`);
          return '';
        });
      case 'get_relation':
        return this.fn(name, async (c) => {
          const a = bindArgs('adapter.get_relation', c, ['database', 'schema', 'identifier']);
          if (!exec) return null;
          return rt.getRelation(a.database === null ? null : str(a.database), str(a.schema), str(a.identifier));
        });
      case 'load_relation':
        return this.fn(name, async (c) => {
          const rel = this.relationArg(c.args[0], 'adapter.load_relation');
          if (!exec) return null;
          return rt.getRelation(rel.database, rel.schema ?? rt.target.schema, rel.identifier ?? '');
        });
      case 'get_columns_in_relation':
        return this.fn(name, async (c) => {
          const rel = this.relationArg(c.args[0], 'adapter.get_columns_in_relation');
          if (!exec) return [];
          return rt.getColumns(rel);
        });
      case 'get_missing_columns':
        return this.fn(name, async (c) => {
          if (!exec) return [];
          const from = await rt.getColumns(this.relationArg(c.args[0], 'adapter.get_missing_columns'));
          const to = new Set((await rt.getColumns(this.relationArg(c.args[1], 'adapter.get_missing_columns'))).map((x) => x.column.toLowerCase()));
          return from.filter((x) => !to.has(x.column.toLowerCase()));
        });
      case 'expand_target_column_types':
        return this.fn(name, () => '');
      case 'execute':
        return this.fn(name, async (c) => {
          const a = bindArgs('adapter.execute', c, ['sql', 'auto_begin', 'fetch', 'limit'], { auto_begin: false, fetch: false, limit: null });
          if (!exec) return [new AttrObject('AdapterResponse', { _message: '', code: '', rows_affected: 0 }, ''), new AgateTable([], [])];
          const r = await rt.execute(str(a.sql), truthy(a.fetch));
          return [new AttrObject('AdapterResponse', { ...r.response }, r.response._message), r.table];
        });
      case 'drop_relation':
        return this.fn(name, async (c) => {
          const rel = this.relationArg(c.args[0], 'adapter.drop_relation');
          if (exec) await rt.execute(`drop ${rel.type === 'view' ? 'view' : rel.type === 'materialized_view' ? 'materialized view' : 'table'} if exists ${rel.render()} cascade`, false);
          return '';
        });
      case 'truncate_relation':
        return this.fn(name, async (c) => {
          if (exec) await rt.execute(`truncate table ${this.relationArg(c.args[0], 'adapter.truncate_relation').render()}`, false);
          return '';
        });
      case 'rename_relation':
        return this.fn(name, async (c) => {
          const from = this.relationArg(c.args[0], 'adapter.rename_relation');
          const to = this.relationArg(c.args[1], 'adapter.rename_relation');
          if (exec) await rt.execute(`alter table ${from.render()} rename to ${quoteIdent(to.identifier ?? '')}`, false);
          return '';
        });
      case 'create_schema':
        return this.fn(name, async (c) => {
          const rel = this.relationArg(c.args[0], 'adapter.create_schema');
          if (exec) await rt.execute(`create schema if not exists ${quoteIdent(rel.schema ?? '')}`, false);
          return '';
        });
      case 'drop_schema':
        return this.fn(name, async (c) => {
          const rel = this.relationArg(c.args[0], 'adapter.drop_schema');
          if (exec) await rt.execute(`drop schema if exists ${quoteIdent(rel.schema ?? '')} cascade`, false);
          return '';
        });
      case 'check_schema_exists':
        return this.fn(name, async (c) => {
          if (!exec) return false;
          const r = await rt.execute(`select count(*) as n from pg_namespace where nspname = '${str(c.args[1] ?? c.args[0]).replace(/'/g, "''")}'`, true);
          return Number(r.table.rowObjects[0]?.values[0] ?? 0) > 0;
        });
      case 'list_relations':
      case 'list_relations_without_caching':
        return this.fn(name, async (c) => {
          if (!exec) return [];
          const rel = c.args[0] instanceof Relation ? c.args[0] : null;
          const schema = (rel?.schema ?? str(c.args[1] ?? rt.target.schema)).replace(/'/g, "''");
          const r = await rt.execute(`select tablename as name, 'table' as type from pg_tables where schemaname ilike '${schema}' union all select viewname, 'view' from pg_views where schemaname ilike '${schema}' union all select matviewname, 'materialized_view' from pg_matviews where schemaname ilike '${schema}'`, true);
          return r.table.rowObjects.map((row) => new Relation({ database: rt.target.database, schema: rel?.schema ?? schema, identifier: String(row.values[0]) }, row.values[1] as 'table'));
        });
      case 'commit':
      case 'begin':
        return this.fn(name, () => '');
      case 'already_exists':
        return this.fn(name, async (c) => {
          if (!exec) return false;
          return (await rt.getRelation(rt.target.database, str(c.args[0]), str(c.args[1]))) !== null;
        });
      case 'convert_type':
        return this.fn(name, () => 'text');
      case 'standardize_grants_dict':
        return this.fn(name, () => new Map());
      case 'behavior':
        return new BehaviorFlags();
      case 'config':
        return new AttrObject('AdapterConfig', { credentials: new AttrObject('Credentials', { database: rt.target.database, schema: rt.target.schema, host: rt.target.host }), quoting: new Map() });
      case 'Relation':
        return ctx.globals('api') instanceof PyObject ? (ctx.globals('api') as PyObject).getAttr('Relation') : MISSING;
      case 'Column':
        return ctx.globals('api') instanceof PyObject ? (ctx.globals('api') as PyObject).getAttr('Column') : MISSING;
      case 'get_columns_in_select_sql':
      case 'get_column_schema_from_query':
        return this.fn(name, async (c) => {
          if (!exec) return [];
          const r = await rt.execute(`select * from (${str(c.args[0])}) as __dbt_sbq where false limit 0`, true);
          return r.table.columnNames.map((n) => new Column(n, 'text'));
        });
      case 'parse_index':
        return this.fn(name, (c) => c.args[0]);
      case 'get_partitions_metadata':
        return this.fn(name, () => {
          throw new JinjaError('adapter.get_partitions_metadata is a BigQuery feature: not available on Postgres');
        });
    }
    if (isList(name)) return MISSING;
    return MISSING;
  }
}
