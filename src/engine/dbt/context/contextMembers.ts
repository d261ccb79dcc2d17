import { stringify as yamlStringify, parse as yamlParse } from 'yaml';
import { JinjaError, MacroReturn } from '../jinja/JinjaError';
import { fromJsonText, toJsonText } from '../jinja/json';
import { AttrObject, bindArgs, fromPlain, isDict, iterate, MISSING, NativeFunction, PyObject, str, toPlain, truthy, Undefined, type CallArgs } from '../jinja/values';
import { md5Hex } from '../md5';
import { mergeConfig } from '../project/nodeConfig';
import type { DbtNode, SourceTable } from '../project/types';
import { Adapter } from './Adapter';
import { Column, numericType, stringType, translateType } from './Column';
import { fromDate, datetimeModule } from './pyDatetime';
import { reModule } from './pyRe';
import { createRelation, Relation } from './Relation';
import type { RenderContext } from './RenderContext';

export const DBT_VERSION = '1.9.1';

/** A node as `model` / `graph.nodes[...]` shows it: dbt's manifest node, as a dict. */
export function nodeDict(node: DbtNode, relationName: string | null): Map<unknown, unknown> {
  return fromPlain({
    unique_id: node.uniqueId,
    name: node.name,
    alias: node.alias,
    schema: node.schema,
    database: node.database,
    resource_type: node.resourceType,
    package_name: node.packageName,
    path: node.path,
    original_file_path: node.originalFilePath,
    fqn: node.fqn,
    tags: node.config.tags,
    config: node.config,
    raw_code: node.rawCode,
    raw_sql: node.rawCode,
    compiled_code: node.compiledCode ?? null,
    language: 'sql',
    description: node.description,
    columns: node.columns,
    meta: (node.config.meta as Record<string, unknown>) ?? {},
    refs: node.refs.map((r) => ({ name: r.name, package: r.package, version: r.version })),
    sources: node.sources,
    depends_on: { nodes: node.dependsOn, macros: node.dependsOnMacros },
    relation_name: relationName,
    test_metadata: node.testMetadata ?? null,
    column_name: node.columnName ?? null,
    attached_node: node.attachedNode ?? null,
  }) as Map<unknown, unknown>;
}

function sourceDict(s: SourceTable, relationName: string): Map<unknown, unknown> {
  return fromPlain({
    unique_id: s.uniqueId,
    name: s.name,
    source_name: s.sourceName,
    identifier: s.identifier,
    schema: s.schema,
    database: s.database,
    resource_type: 'source',
    package_name: s.packageName,
    fqn: s.fqn,
    description: s.description,
    columns: s.columns,
    meta: s.meta,
    tags: s.tags,
    loader: s.loader,
    relation_name: relationName,
  }) as Map<unknown, unknown>;
}

/** dbt's `config`: `config(materialized='table')` while parsing, `config.get('x')` always. */
class ConfigObject extends NativeFunction {
  constructor(ctx: RenderContext) {
    const current = (): Record<string, unknown> => (ctx.mode === 'parse' ? mergeConfig((ctx.node?.config as Record<string, unknown>) ?? {}, ctx.capture.config) : ((ctx.node?.config as Record<string, unknown>) ?? {}));
    const lookup = (name: string): unknown => {
      const key = name.replace(/-/g, '_');
      const c = current();
      return Object.prototype.hasOwnProperty.call(c, key) ? fromPlain(c[key]) : MISSING;
    };
    super(
      'config',
      (c) => {
        if (ctx.mode === 'parse') {
          const layer: Record<string, unknown> = {};
          if (c.args.length === 1 && isDict(c.args[0])) Object.assign(layer, toPlain(c.args[0]));
          else if (c.args.length) throw new JinjaError('config() takes keyword arguments, or one dict');
          for (const [k, v] of c.kwargs) layer[k] = toPlain(v);
          ctx.capture.config = mergeConfig(ctx.capture.config, layer);
        }
        return '';
      },
      {
        get: new NativeFunction('config.get', (c) => {
          const a = bindArgs('config.get', c, ['name', 'default', 'validator'], { default: null, validator: null });
          const v = lookup(str(a.name));
          return v === MISSING || v === null ? a.default : v;
        }),
        require: new NativeFunction('config.require', (c) => {
          const name = str(c.args[0]);
          const v = lookup(name);
          if (v === MISSING || v === null) {
            if (ctx.mode === 'parse') return '';
            throw new JinjaError(`Required config "${name}" was not found in "${ctx.node?.name ?? 'this node'}"`);
          }
          return v;
        }),
        set: new NativeFunction('config.set', (c) => {
          if (ctx.mode === 'parse') ctx.capture.config = mergeConfig(ctx.capture.config, { [str(c.args[0])]: toPlain(c.args[1]) });
          return '';
        }),
        meta_get: new NativeFunction('config.meta_get', (c) => {
          const meta = lookup('meta');
          const v = isDict(meta) ? meta.get(str(c.args[0])) : undefined;
          return v === undefined ? (c.args[1] ?? null) : v;
        }),
      },
    );
  }
}

/** `var('name', default)`: command-line --vars, then the project's vars (package-scoped first), then the default. */
function varFunction(ctx: RenderContext): NativeFunction {
  const rt = ctx.runtime;
  const lookup = (name: string): unknown => {
    if (rt.cliVars.has(name)) return rt.cliVars.get(name);
    const pkg = ctx.node?.packageName ?? rt.rootProject.name;
    const rootVars = rt.rootProject.vars;
    const scoped = rootVars[pkg];
    if (scoped !== null && typeof scoped === 'object' && !Array.isArray(scoped) && Object.prototype.hasOwnProperty.call(scoped, name)) return fromPlain((scoped as Record<string, unknown>)[name]);
    if (Object.prototype.hasOwnProperty.call(rootVars, name) && !rt.projects.has(name)) return fromPlain(rootVars[name]);
    const own = rt.projects.get(pkg)?.vars;
    if (own && pkg !== rt.rootProject.name && Object.prototype.hasOwnProperty.call(own, name)) return fromPlain(own[name]);
    return MISSING;
  };
  return new NativeFunction(
    'var',
    (c) => {
      const a = bindArgs('var', c, ['var_name', 'default'], { default: MISSING });
      const name = str(a.var_name);
      const v = lookup(name);
      if (v !== MISSING) return v;
      if (a.default !== MISSING) return a.default;
      const where = ctx.node ? `${ctx.node.resourceType} ${ctx.node.name} (${ctx.node.originalFilePath})` : 'this context';
      throw new JinjaError(`Required var '${name}' not found in config:\nVars supplied to ${where} = {}`);
    },
    { has_var: new NativeFunction('var.has_var', (c) => lookup(str(c.args[0])) !== MISSING) },
  );
}

function envVar(ctx: RenderContext): NativeFunction {
  return new NativeFunction('env_var', (c) => {
    const a = bindArgs('env_var', c, ['var', 'default'], { default: MISSING });
    const name = str(a.var);
    if (Object.prototype.hasOwnProperty.call(ctx.runtime.env, name)) return ctx.runtime.env[name];
    if (a.default !== MISSING) return a.default;
    throw new JinjaError(`Env var required but not provided: '${name}'`);
  });
}

/** `ref('model')`, `ref('package', 'model')`, `ref('model', v=2)`. */
function refFunction(ctx: RenderContext): NativeFunction {
  return new NativeFunction('ref', (c: CallArgs) => {
    const version = c.kwargs.get('version') ?? c.kwargs.get('v') ?? null;
    for (const k of c.kwargs.keys()) if (k !== 'version' && k !== 'v') throw new JinjaError(`ref() got an unexpected keyword argument '${k}'`);
    if (c.args.length < 1 || c.args.length > 2) throw new JinjaError(`ref() takes at most two arguments (${c.args.length} given)`);
    const [pkg, name] = c.args.length === 2 ? [str(c.args[0]), str(c.args[1])] : [null, str(c.args[0])];
    const rt = ctx.runtime;
    if (ctx.mode === 'parse') {
      ctx.capture.refs.push({ name, package: pkg, version: version === null ? null : str(version) });
      return new Relation({ database: rt.target.database, schema: rt.target.schema, identifier: name });
    }
    const target = rt.resolveRef(name, pkg, version === null ? null : str(version), ctx.node);
    const rel = rt.relationOf(target);
    return rt.flags.empty && rel.type !== 'cte' ? new EmptyRelation(rel) : rel;
  });
}

/** `--empty`: a ref or source that reads no rows (dbt's `(select * from x where false limit 0)`). */
class EmptyRelation extends PyObject {
  readonly typeName = 'PostgresRelation';
  constructor(readonly rel: Relation) {
    super();
  }
  getAttr(name: string): unknown {
    return this.rel.getAttr(name);
  }
  toStr(): string {
    return `(select * from ${this.rel.render()} where false limit 0) _dbt_limit_subq_${this.rel.identifier ?? ''}`;
  }
}

function sourceFunction(ctx: RenderContext): NativeFunction {
  return new NativeFunction('source', (c) => {
    const a = bindArgs('source', c, ['source_name', 'table_name']);
    const source = str(a.source_name);
    const table = str(a.table_name);
    const rt = ctx.runtime;
    if (ctx.mode === 'parse') {
      ctx.capture.sources.push([source, table]);
      return new Relation({ database: rt.target.database, schema: source, identifier: table });
    }
    const rel = rt.sourceRelation(rt.resolveSource(source, table, ctx.node));
    return rt.flags.empty ? new EmptyRelation(rel) : rel;
  });
}

function exceptionsObject(ctx: RenderContext): AttrObject {
  const raise = (prefix: string) => new NativeFunction('raise', (c) => {
    throw new JinjaError(`${prefix}${str(c.args[0] ?? '')}`);
  });
  return new AttrObject('exceptions', {
    raise_compiler_error: raise(''),
    raise_not_implemented: raise('ERROR: '),
    raise_database_error: raise(''),
    raise_dependency_error: raise(''),
    raise_fail_fast_error: raise(''),
    raise_contract_error: raise('Contract Error: '),
    column_type_missing: raise('Contracted models require data_type to be defined for each column: '),
    warn: new NativeFunction('exceptions.warn', (c) => {
      ctx.runtime.log('warn', str(c.args[0] ?? ''));
      return '';
    }),
  });
}

function apiObject(): AttrObject {
  return new AttrObject('api', {
    Relation: new AttrObject('type', {
      create: new NativeFunction('Relation.create', (c) => createRelation(c)),
    }),
    Column: new AttrObject('type', {
      translate_type: new NativeFunction('Column.translate_type', (c) => translateType(str(c.args[0]))),
      numeric_type: new NativeFunction('Column.numeric_type', (c) => numericType(str(c.args[0]), c.args[1], c.args[2])),
      string_type: new NativeFunction('Column.string_type', (c) => stringType(Number(c.args[0]))),
      create: new NativeFunction('Column.create', (c) => new Column(str(c.args[0]), translateType(str(c.args[1])))),
    }),
  });
}

function zip(c: CallArgs): unknown[] {
  const lists = c.args.map(iterate);
  const n = lists.length ? Math.min(...lists.map((l) => l.length)) : 0;
  return Array.from({ length: n }, (_, i) => lists.map((l) => l[i]));
}

function uniqueList(v: unknown): unknown[] {
  const out: unknown[] = [];
  for (const x of iterate(v)) if (!out.some((y) => y === x || (typeof y === typeof x && JSON.stringify(y) === JSON.stringify(x)))) out.push(x);
  return out;
}

/** The dbt context member `name` for this render, or MISSING. */
export function contextMember(ctx: RenderContext, name: string): unknown {
  const rt = ctx.runtime;
  const node = ctx.node;
  switch (name) {
    case 'execute':
      return ctx.execute;
    case 'target':
      return fromPlain({ ...Object.fromEntries(Object.entries(rt.target.raw).filter(([k]) => k !== 'password' && k !== 'pass')), name: rt.target.name, target_name: rt.target.name, profile_name: rt.target.profileName, type: 'postgres', schema: rt.target.schema, database: rt.target.database, dbname: rt.target.database, host: rt.target.host, user: rt.target.user, port: rt.target.port, threads: rt.target.threads });
    case 'this':
      return node && (node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot') ? rt.relationOf(node) : node ? new Relation({ database: node.database, schema: node.schema, identifier: node.alias }) : new Undefined('this', ' (there is no current node)');
    case 'model':
      return node ? nodeDict(node, node.resourceType === 'test' ? null : rt.relationOf(node).render()) : new Undefined('model', ' (there is no current node)');
    case 'database':
      return rt.target.database;
    case 'schema':
      return node?.schema ?? rt.target.schema;
    case 'ref':
      return refFunction(ctx);
    case 'source':
      return sourceFunction(ctx);
    case 'config':
      return new ConfigObject(ctx);
    case 'var':
      return varFunction(ctx);
    case 'env_var':
      return envVar(ctx);
    case 'adapter':
      return new Adapter(ctx);
    case 'api':
      return apiObject();
    case 'exceptions':
      return exceptionsObject(ctx);
    case 'builtins':
      return new Map<unknown, unknown>([
        ['ref', refFunction(ctx)],
        ['source', sourceFunction(ctx)],
        ['config', new ConfigObject(ctx)],
      ]);
    case 'log':
      return new NativeFunction('log', (c) => {
        const a = bindArgs('log', c, ['msg', 'info'], { info: false });
        rt.log(truthy(a.info) ? 'info' : 'debug', str(a.msg));
        return '';
      });
    case 'print':
      return new NativeFunction('print', (c) => {
        rt.log('info', c.args.map(str).join(' '));
        return '';
      });
    case 'return':
      return new NativeFunction('return', (c) => {
        throw new MacroReturn(c.args.length ? c.args[0] : null);
      });
    case 'load_result':
      return new NativeFunction('load_result', (c) => {
        const v = ctx.sqlResults.get(str(c.args[0]));
        return v === undefined ? null : v;
      });
    case 'store_result':
    case 'store_raw_result':
      return new NativeFunction(name, (c) => {
        const a = bindArgs(name, c, ['name', 'response', 'agate_table'], { response: null, agate_table: null });
        ctx.sqlResults.set(str(a.name), new Map<unknown, unknown>([['response', a.response], ['data', null], ['table', a.agate_table]]));
        return '';
      });
    case 'invocation_id':
      return rt.invocationId;
    case 'run_started_at':
      return fromDate(rt.runStartedAt, true);
    case 'thread_id':
      return 'Thread-1 (worker)';
    case 'dbt_version':
      return DBT_VERSION;
    case 'project_name':
      return rt.rootProject.name;
    case 'flags':
      return new AttrObject('flags', {
        FULL_REFRESH: rt.flags.fullRefresh,
        WHICH: rt.flags.which,
        STORE_FAILURES: rt.flags.storeFailures,
        WARN_ERROR: rt.flags.warnError,
        EMPTY: rt.flags.empty,
        USE_COLORS: false,
        DEBUG: false,
        LOG_FORMAT: 'json',
        PARTIAL_PARSE: false,
        STATIC_PARSER: false,
        REQUIRE_SQL_HEADER_IN_TEST_CONFIGS: false,
        INTROSPECT: true,
      });
    case 'modules':
      return new AttrObject('modules', {
        datetime: datetimeModule(() => new Date()),
        re: reModule(),
        itertools: new AttrObject('module', {
          chain: new NativeFunction('itertools.chain', (c) => c.args.flatMap(iterate)),
          product: new NativeFunction('itertools.product', (c) => c.args.map(iterate).reduce<unknown[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]])),
        }),
        pytz: new AttrObject('module', { utc: 'UTC', timezone: new NativeFunction('pytz.timezone', (c) => str(c.args[0])) }),
      });
    case 'fromjson':
      return new NativeFunction('fromjson', (c) => {
        try {
          return fromJsonText(str(c.args[0]));
        } catch (e) {
          if (c.args.length > 1) return c.args[1];
          throw e;
        }
      });
    case 'tojson':
      return new NativeFunction('tojson', (c) => {
        const a = bindArgs('tojson', c, ['value', 'default', 'sort_keys'], { default: null, sort_keys: false });
        try {
          return toJsonText(a.value, { sortKeys: truthy(a.sort_keys) });
        } catch {
          return a.default;
        }
      });
    case 'fromyaml':
      return new NativeFunction('fromyaml', (c) => {
        try {
          return fromPlain(yamlParse(str(c.args[0]), { maxAliasCount: 100 }));
        } catch (e) {
          if (c.args.length > 1) return c.args[1];
          throw new JinjaError(`fromyaml: ${(e as Error).message}`);
        }
      });
    case 'toyaml':
      return new NativeFunction('toyaml', (c) => yamlStringify(toPlain(c.args[0]), { sortMapEntries: truthy(c.kwargs.get('sort_keys') ?? false) }));
    case 'zip':
    case 'zip_strict':
      return new NativeFunction(name, zip);
    case 'set':
    case 'set_strict':
      return new NativeFunction(name, (c) => uniqueList(c.args[0] ?? []));
    case 'local_md5':
      return new NativeFunction('local_md5', (c) => md5Hex(str(c.args[0])));
    case 'diff_of_two_dicts':
      return new NativeFunction('diff_of_two_dicts', (c) => {
        const [a, b] = c.args as Map<unknown, unknown>[];
        const out = new Map<unknown, unknown>();
        for (const [k, v] of a ?? []) if (!(b ?? new Map()).has(k)) out.set(k, v);
        return out;
      });
    case 'doc':
      return new NativeFunction('doc', () => '');
    case 'selected_resources':
      return [...rt.selected];
    case 'graph': {
      if (ctx.mode === 'parse') return fromPlain({ nodes: {}, sources: {}, exposures: {}, metrics: {}, groups: {}, semantic_models: {}, saved_queries: {} });
      const nodes = new Map<unknown, unknown>();
      for (const n of rt.manifest.nodes.values()) nodes.set(n.uniqueId, nodeDict(n, n.resourceType === 'model' || n.resourceType === 'seed' ? rt.relationOf(n).render() : null));
      const sources = new Map<unknown, unknown>();
      for (const s of rt.manifest.sources.values()) sources.set(s.uniqueId, sourceDict(s, rt.sourceRelation(s).render()));
      return new Map<unknown, unknown>([['nodes', nodes], ['sources', sources], ['exposures', new Map()], ['metrics', new Map()], ['groups', new Map()], ['semantic_models', new Map()], ['saved_queries', new Map()]]);
    }
    case 'render':
      return new NativeFunction('render', (c) => ctx.render(str(c.args[0])));
    case 'submit_python_job':
      return new NativeFunction('submit_python_job', () => {
        throw new JinjaError('Python models are not supported by this dbt runner');
      });
  }
  return MISSING;
}
