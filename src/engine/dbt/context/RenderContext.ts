import type { Template } from '../jinja/ast';
import { JinjaError } from '../jinja/JinjaError';
import type { JinjaBudget } from '../jinja/JinjaBudget';
import { JinjaMacro, Scope, type RenderEnv } from '../jinja/interpreter';
import { parseTemplate } from '../jinja/parser';
import { MISSING, NativeFunction, PyObject, Undefined, type PyCallable } from '../jinja/values';
import type { DbtNode, MacroDef } from '../project/types';
import type { DbtRuntime } from './DbtRuntime';
import { contextMember } from './contextMembers';

/** How a node is being rendered: while dbt parses the project, or to run it. */
export type RenderMode = 'parse' | 'runtime';

/** What parse-time rendering records: the node's ref(), source() and config() calls. */
export interface Capture {
  refs: { name: string; package: string | null; version: string | null }[];
  sources: [string, string][];
  config: Record<string, unknown>;
  macros: Set<string>;
}

const UNDEFINED_HINT = '. This can happen when calling a macro that does not exist. Check for typos and/or install package dependencies with "dbt deps".';

/** The Jinja environment of one render: the interpreter's RenderEnv plus the dbt context it belongs to. */
export class DbtRenderEnv implements RenderEnv {
  readonly undefinedHint = UNDEFINED_HINT;
  file?: string;
  constructor(
    readonly ctx: RenderContext,
    readonly budget: JinjaBudget,
  ) {}
  globals(name: string): unknown {
    return this.ctx.globals(name);
  }
}

/** `dbt_utils.x`, `dbt.x`: a package's macros as attributes. */
export class PackageNamespace extends PyObject {
  readonly typeName = 'MacroNamespace';
  constructor(
    private readonly ctx: RenderContext,
    readonly pkg: string,
  ) {
    super();
  }
  getAttr(name: string): unknown {
    const def = this.ctx.runtime.macros.fromPackage(this.pkg, name);
    if (!def) return new Undefined(`${this.pkg}.${name}`, ` (no macro named '${name}' in the package '${this.pkg}')`);
    return this.ctx.callable(def);
  }
  toStr(): string {
    return `<MacroNamespace ${this.pkg}>`;
  }
}

/**
 * One render of one node (or of a macro on its own): dbt's per-node Jinja
 * context. Names resolve like dbt's MacroNamespace (the node's package, the
 * root project, package names, `dbt`, internal macros), then the context
 * members (ref, source, config, this, target, adapter…).
 */
export class RenderContext {
  readonly capture: Capture = { refs: [], sources: [], config: {}, macros: new Set() };
  /** `{% call statement('x') %}` results, for load_result('x'). */
  readonly sqlResults = new Map<string, unknown>();
  readonly env: DbtRenderEnv;
  private readonly callables = new Map<string, PyCallable>();
  private readonly members = new Map<string, unknown>();
  private readonly namespaces = new Map<string, PackageNamespace>();

  constructor(
    readonly runtime: DbtRuntime,
    readonly node: DbtNode | null,
    readonly mode: RenderMode,
    /** The package the node belongs to: its macros win over the root project's. */
    readonly searchPackage: string,
    /** Members a caller sets for this render only (`sql` in a hook, `model` overrides…). */
    readonly extra: Record<string, unknown> = {},
  ) {
    this.env = new DbtRenderEnv(this, runtime.budget());
  }

  get execute(): boolean {
    return this.mode === 'runtime';
  }

  globals(name: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this.extra, name)) return this.extra[name];
    const macros = this.runtime.macros;
    const local = macros.resolve(name, this.searchPackage);
    if (local && !macros.isInternal(local.packageName)) return this.callable(local);
    if (macros.hasPackage(name) || name === 'dbt') {
      let ns = this.namespaces.get(name);
      if (!ns) {
        ns = new PackageNamespace(this, name);
        this.namespaces.set(name, ns);
      }
      return ns;
    }
    if (local) return this.callable(local);
    if (this.members.has(name)) return this.members.get(name);
    const member = contextMember(this, name);
    if (member !== MISSING) this.members.set(name, member);
    return member;
  }

  /** The callable for a macro definition (created once per render). */
  callable(def: MacroDef): PyCallable {
    let c = this.callables.get(def.uniqueId);
    if (c) return c;
    this.capture.macros.add(def.uniqueId);
    if (def.native) {
      const impl = this.runtime.macros.natives.get(def.uniqueId)!;
      const ctx = this;
      c = new NativeFunction(def.name, async (call, env) => {
        const renv = env as RenderEnv;
        renv.budget.enter(def.name);
        try {
          return await impl(call, ctx);
        } finally {
          renv.budget.leave();
        }
      });
    } else if (def.node) {
      c = new JinjaMacro(def.name, def.node.params, def.node.body, null, this.runtime.interp, { package: def.packageName, file: def.originalFilePath });
    } else {
      throw new JinjaError(`macro '${def.name}' has no body`);
    }
    this.callables.set(def.uniqueId, c);
    return c;
  }

  /** Renders a template (text or parsed) in this context. */
  async render(template: string | Template, file?: string): Promise<string> {
    const t = typeof template === 'string' ? parseTemplate(template) : template;
    if (file) this.env.file = file;
    return this.runtime.interp.render(t, this.env, new Scope(null));
  }

  /** Calls a macro by name as dbt resolves it from this node (for the runner's own use: generate_schema_name…). */
  async callMacro(name: string, args: unknown[], kwargs = new Map<string, unknown>()): Promise<unknown> {
    const def = this.runtime.macros.resolve(name, this.searchPackage);
    if (!def) throw new JinjaError(`no macro named '${name}'`);
    return this.runtime.interp.callValue(this.callable(def), { args, kwargs }, this.env, name);
  }
}
