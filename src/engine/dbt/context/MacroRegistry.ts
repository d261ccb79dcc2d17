import type { CallArgs } from '../jinja/values';
import type { MacroDef } from '../project/types';
import type { RenderContext } from './RenderContext';

/** A macro written in TypeScript: gets the call's arguments and the render it runs in. */
export type NativeMacro = (call: CallArgs, ctx: RenderContext) => unknown | Promise<unknown>;

/** dbt's internal packages, first wins: the adapter's, then dbt's own global project. */
export const INTERNAL_PACKAGES = ['dbt_postgres', 'dbt'];

/**
 * Every macro of the run, by package: the project's and its packages' (Jinja),
 * dbt's and the carried packages' (TypeScript). Name resolution follows dbt's
 * MacroNamespace: the node's own package, then the root project, then
 * package names (`dbt_utils.x`), then `dbt`, then the internal macros.
 */
export class MacroRegistry {
  readonly defs = new Map<string, MacroDef>();
  readonly natives = new Map<string, NativeMacro>();
  private readonly byPackage = new Map<string, Map<string, MacroDef>>();
  /** Internal macros flattened (dbt_postgres over dbt). */
  private internal: Map<string, MacroDef> | null = null;

  constructor(
    readonly rootPackage: string,
    /** dispatch search orders from dbt_project.yml, by macro namespace. */
    readonly dispatchOrder: Map<string, string[]> = new Map(),
  ) {}

  add(def: MacroDef): void {
    let pkg = this.byPackage.get(def.packageName);
    if (!pkg) {
      pkg = new Map();
      this.byPackage.set(def.packageName, pkg);
    }
    pkg.set(def.name, def);
    this.defs.set(def.uniqueId, def);
    this.internal = null;
  }

  addNative(packageName: string, name: string, fn: NativeMacro, meta: { file?: string; description?: string; args?: string[] } = {}): void {
    const uniqueId = `macro.${packageName}.${name}`;
    this.natives.set(uniqueId, fn);
    this.add({
      uniqueId,
      name,
      packageName,
      originalFilePath: meta.file ?? `macros/${name}.sql`,
      native: true,
      description: meta.description ?? '',
      arguments: (meta.args ?? []).map((a) => ({ name: a, type: null, description: '' })),
    });
  }

  isInternal(pkg: string): boolean {
    return INTERNAL_PACKAGES.includes(pkg);
  }

  /** Non-internal package names that have macros (`dbt_utils`, `codegen`, the root project…). */
  packageNames(): string[] {
    return [...this.byPackage.keys()].filter((p) => !this.isInternal(p));
  }

  hasPackage(name: string): boolean {
    return this.byPackage.has(name) && !this.isInternal(name);
  }

  private internalMacros(): Map<string, MacroDef> {
    if (!this.internal) {
      const m = new Map<string, MacroDef>();
      for (const pkg of [...INTERNAL_PACKAGES].reverse()) for (const [k, v] of this.byPackage.get(pkg) ?? []) m.set(k, v);
      this.internal = m;
    }
    return this.internal;
  }

  /** An unqualified macro name, from the point of view of a node of `searchPackage` (packages are looked up separately). */
  resolve(name: string, searchPackage: string): MacroDef | undefined {
    return this.byPackage.get(searchPackage)?.get(name) ?? this.byPackage.get(this.rootPackage)?.get(name) ?? this.internalMacros().get(name);
  }

  /** `package.name`; `dbt` is every internal macro. */
  fromPackage(pkg: string, name: string): MacroDef | undefined {
    if (pkg === 'dbt') return this.internalMacros().get(name);
    return this.byPackage.get(pkg)?.get(name);
  }

  macrosOf(pkg: string): MacroDef[] {
    if (pkg === 'dbt') return [...this.internalMacros().values()];
    return [...(this.byPackage.get(pkg)?.values() ?? [])];
  }
}
