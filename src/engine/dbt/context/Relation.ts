import { JinjaError } from '../jinja/JinjaError';
import { isDict, MISSING, NativeFunction, PyObject, str, truthy, type CallArgs } from '../jinja/values';

export type RelationType = 'table' | 'view' | 'cte' | 'materialized_view' | 'external' | null;

interface Parts<T> {
  database: T;
  schema: T;
  identifier: T;
}

const POSTGRES_MAX_NAME = 63;

/** A Postgres identifier in double quotes, as dbt-postgres quotes relation parts. */
export const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * dbt's Relation (dbt-postgres's PostgresRelation): a database, schema and
 * identifier with a type, rendered `"db"."schema"."name"`. Immutable:
 * `incorporate`, `include` and `quote` return a new relation.
 */
export class Relation extends PyObject {
  readonly typeName = 'PostgresRelation';
  constructor(
    readonly path: Parts<string | null>,
    readonly type: RelationType = null,
    readonly include: Parts<boolean> = { database: true, schema: true, identifier: true },
    readonly quoting: Parts<boolean> = { database: true, schema: true, identifier: true },
    /** Set on information_schema relations (`"db".information_schema.columns`). */
    readonly informationSchemaView: string | null = null,
  ) {
    super();
  }

  get database(): string | null {
    return this.path.database;
  }
  get schema(): string | null {
    return this.path.schema;
  }
  get identifier(): string | null {
    return this.path.identifier;
  }

  render(): string {
    if (this.type === 'cte') return this.identifier ?? '';
    if (this.informationSchemaView !== null) {
      const db = this.path.database;
      return [db && this.include.database ? quoteIdent(db) : null, 'information_schema', this.informationSchemaView || null].filter(Boolean).join('.');
    }
    const parts: string[] = [];
    for (const k of ['database', 'schema', 'identifier'] as const) {
      const v = this.path[k];
      if (!this.include[k] || v === null || v === undefined || v === '') continue;
      parts.push(this.quoting[k] ? quoteIdent(v) : v);
    }
    return parts.join('.');
  }

  toStr(): string {
    return this.render();
  }

  withChanges(o: { path?: Partial<Parts<string | null>>; type?: RelationType; include?: Partial<Parts<boolean>>; quoting?: Partial<Parts<boolean>> }): Relation {
    return new Relation({ ...this.path, ...o.path }, o.type !== undefined ? o.type : this.type, { ...this.include, ...o.include }, { ...this.quoting, ...o.quoting }, this.informationSchemaView);
  }

  equals(other: unknown): boolean {
    return other instanceof Relation && other.render() === this.render() && other.type === this.type;
  }

  toPlain(): unknown {
    return { database: this.database, schema: this.schema, identifier: this.identifier, type: this.type };
  }

  private partFlags(call: CallArgs, fn: string): Partial<Parts<boolean>> {
    const out: Partial<Parts<boolean>> = {};
    for (const [k, v] of call.kwargs) {
      if (k !== 'database' && k !== 'schema' && k !== 'identifier') throw new JinjaError(`${fn}() got an unexpected keyword argument '${k}'`);
      if (v !== null) out[k] = truthy(v);
    }
    return out;
  }

  getAttr(name: string): unknown {
    switch (name) {
      case 'database':
        return this.database;
      case 'schema':
        return this.schema;
      case 'identifier':
      case 'name':
      case 'table':
        return this.identifier;
      case 'type':
        return this.type;
      case 'is_table':
        return this.type === 'table';
      case 'is_view':
        return this.type === 'view';
      case 'is_cte':
        return this.type === 'cte';
      case 'is_materialized_view':
        return this.type === 'materialized_view';
      case 'can_be_renamed':
        return this.type === 'table' || this.type === 'view' || this.type === 'materialized_view';
      case 'can_be_replaced':
        return this.type === 'view';
      case 'path':
        return new Map<unknown, unknown>([
          ['database', this.database],
          ['schema', this.schema],
          ['identifier', this.identifier],
        ]);
      case 'render':
        return new NativeFunction('render', () => this.render());
      case 'relation_max_name_length':
        return new NativeFunction('relation_max_name_length', () => POSTGRES_MAX_NAME);
      case 'include':
        return new NativeFunction('include', (c) => this.withChanges({ include: this.partFlags(c, 'include') }));
      case 'quote':
        return new NativeFunction('quote', (c) => this.withChanges({ quoting: this.partFlags(c, 'quote') }));
      case 'without_identifier':
        return new NativeFunction('without_identifier', () => this.withChanges({ include: { identifier: false } }));
      case 'incorporate':
        return new NativeFunction('incorporate', (c) => {
          const path = c.kwargs.get('path');
          const changes: { path?: Partial<Parts<string | null>>; type?: RelationType } = {};
          if (isDict(path)) {
            changes.path = {};
            for (const [k, v] of path) {
              const key = str(k);
              if (key !== 'database' && key !== 'schema' && key !== 'identifier') throw new JinjaError(`incorporate(): unknown path part '${key}'`);
              changes.path[key] = v === null ? null : str(v);
            }
          }
          if (c.kwargs.has('type')) changes.type = (c.kwargs.get('type') as RelationType) ?? null;
          return this.withChanges(changes);
        });
      case 'information_schema':
        return new NativeFunction('information_schema', (c) => {
          const view = c.args.length ? str(c.args[0]) : '';
          return new Relation({ database: this.database, schema: 'information_schema', identifier: view || null }, 'view', this.include, this.quoting, view);
        });
      case 'get_relation_type':
        return new NativeFunction('get_relation_type', () => this.type);
    }
    return MISSING;
  }
}

/** dbt's `api.Relation.create(database=, schema=, identifier=, type=)`. */
export function createRelation(call: CallArgs): Relation {
  const get = (k: string) => {
    const v = call.kwargs.get(k);
    return v === undefined || v === null ? null : str(v);
  };
  const type = (call.kwargs.get('type') as RelationType | undefined) ?? null;
  const rel = new Relation({ database: get('database'), schema: get('schema'), identifier: get('identifier') }, type);
  const q = call.kwargs.get('quote_policy');
  if (isDict(q)) {
    const quoting: Partial<Parts<boolean>> = {};
    for (const [k, v] of q) quoting[str(k) as keyof Parts<boolean>] = truthy(v);
    return rel.withChanges({ quoting });
  }
  return rel;
}
