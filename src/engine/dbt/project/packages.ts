import { DbtError } from '../DbtError';
import { filesUnder, joinPath, readText, writeText, type DbtFs } from '../DbtFs';
import { renderStrings } from './ProjectConfig';
import { isRecord, readYaml } from './readYaml';

/** An entry of packages.yml (or dependencies.yml). */
export type PackageSpec =
  | { kind: 'hub'; package: string; version: string | string[] | null }
  | { kind: 'local'; local: string }
  | { kind: 'git'; git: string; revision: string | null }
  | { kind: 'tarball'; tarball: string }
  | { kind: 'private'; private: string };

/**
 * The hub packages this runner carries: their macros are written in
 * TypeScript here (builtins/), for Postgres. `dbt deps` "installs" them by
 * writing their dbt_project.yml under dbt_packages/.
 */
export const CARRIED_PACKAGES: Record<string, { name: string; major: number; reference: string; what: string }> = {
  'dbt-labs/dbt_utils': { name: 'dbt_utils', major: 1, reference: '1.1.1', what: 'generate_surrogate_key, star, union_relations, get_column_values, date_spine, pivot, deduplicate, safe_add/divide/subtract, group_by and the generic tests expression_is_true, accepted_range, unique_combination_of_columns, not_constant, not_empty_string, not_accepted_values, at_least_one, not_null_proportion, relationships_where, equal_rowcount' },
  'dbt-labs/codegen': { name: 'codegen', major: 0, reference: '0.12.1', what: 'generate_source, generate_base_model, generate_model_yaml (for dbt run-operation)' },
};

/** First line of the dbt_project.yml `dbt deps` writes for a carried package. */
export const CARRIED_MARKER = '# Written by the playground\'s dbt runner: this package\'s macros are built into the runner.';

export function readPackageSpecs(fs: DbtFs, root: string): { file: string | null; specs: PackageSpec[]; raw: unknown } {
  for (const name of ['dependencies.yml', 'packages.yml']) {
    const file = joinPath(root, name);
    const text = readText(fs, file);
    if (text === null) continue;
    const doc = readYaml(text, file);
    const list = isRecord(doc) ? doc.packages : null;
    if (list === undefined || list === null) return { file, specs: [], raw: doc };
    if (!Array.isArray(list)) throw new DbtError('Parsing', `${file}: 'packages' must be a list`);
    const specs: PackageSpec[] = list.map((p) => {
      if (!isRecord(p)) throw new DbtError('Parsing', `${file}: each package must be a mapping (package:, local:, git:…)`);
      if (typeof p.package === 'string') {
        const v = p.version;
        return { kind: 'hub', package: p.package, version: v === undefined || v === null ? null : Array.isArray(v) ? v.map(String) : String(v) };
      }
      if (typeof p.local === 'string') return { kind: 'local', local: p.local };
      if (typeof p.git === 'string') return { kind: 'git', git: p.git, revision: p.revision === undefined ? null : String(p.revision) };
      if (typeof p.tarball === 'string') return { kind: 'tarball', tarball: p.tarball };
      if (typeof p.private === 'string') return { kind: 'private', private: p.private };
      throw new DbtError('Parsing', `${file}: a package needs one of package:, local:, git:, tarball:`);
    });
    return { file, specs, raw: doc };
  }
  return { file: null, specs: [], raw: null };
}

function majorOf(v: string): number | null {
  const m = /^[=v\s]*(\d+)/.exec(v);
  return m ? Number(m[1]) : null;
}

/** The version `dbt deps` installs of a carried package (the pin, when it is one this runner implements). */
export function carriedVersion(spec: Extract<PackageSpec, { kind: 'hub' }>): { name: string; version: string } {
  const carried = CARRIED_PACKAGES[spec.package];
  if (!carried) {
    throw new DbtError(
      'Dependency',
      `Package ${spec.package} is not available here: this runner cannot reach hub.getdbt.com, and it carries only ${Object.keys(CARRIED_PACKAGES).join(' and ')} (their macros written for PostgreSQL). Remove ${spec.package} from packages.yml, or run the project on a real dbt.`,
    );
  }
  const versions = spec.version === null ? [] : Array.isArray(spec.version) ? spec.version : [spec.version];
  const exact = versions.length === 1 && /^\d+\.\d+\.\d+$/.test(versions[0].trim()) ? versions[0].trim() : null;
  for (const v of versions) {
    const major = majorOf(v);
    if (major !== null && /^[=v\s]*\d/.test(v) && major !== carried.major && exact) {
      throw new DbtError('Dependency', `${spec.package} version ${v} is not available here: this runner carries the ${carried.major}.x macros of ${spec.package}`);
    }
  }
  return { name: carried.name, version: exact ?? carried.reference };
}

/** Names of the packages installed under `<root>/<installPath>/`, each with its folder. */
export function installedPackages(fs: DbtFs, root: string, installPath: string): { name: string; dir: string; carried: boolean }[] {
  const base = joinPath(root, installPath);
  const dirs = new Set<string>();
  for (const f of filesUnder(fs, base)) {
    const rel = f.slice(base.length + 1).split('/');
    if (rel.length === 2 && rel[1] === 'dbt_project.yml') dirs.add(rel[0]);
  }
  return [...dirs].sort().map((d) => {
    const dir = joinPath(base, d);
    const text = readText(fs, joinPath(dir, 'dbt_project.yml')) ?? '';
    return { name: d, dir, carried: text.startsWith(CARRIED_MARKER) };
  });
}

/** Writes a carried package's dbt_project.yml under dbt_packages/ (what `dbt deps` leaves in the working directory). */
export function installCarried(fs: DbtFs, root: string, installPath: string, spec: Extract<PackageSpec, { kind: 'hub' }>): { name: string; version: string } {
  const { name, version } = carriedVersion(spec);
  const carried = CARRIED_PACKAGES[spec.package];
  writeText(fs, joinPath(root, installPath, name, 'dbt_project.yml'), `${CARRIED_MARKER}\n# Macros: ${carried.what}.\nname: '${name}'\nversion: '${version}'\nconfig-version: 2\nrequire-dbt-version: [">=1.3.0", "<2.0.0"]\n`);
  return { name, version };
}

/** Copies a `local:` package into dbt_packages/ (dbt links it; a copy reads the same). */
export async function installLocal(fs: DbtFs, root: string, installPath: string, spec: Extract<PackageSpec, { kind: 'local' }>, render: (s: string) => Promise<string>): Promise<{ name: string }> {
  const src = joinPath(root, (await renderStrings(spec.local, render)) as string);
  const projectText = readText(fs, joinPath(src, 'dbt_project.yml'));
  if (projectText === null) throw new DbtError('Dependency', `Local package at ${spec.local} has no dbt_project.yml`);
  const doc = readYaml(projectText, joinPath(src, 'dbt_project.yml'));
  const name = isRecord(doc) && typeof doc.name === 'string' ? doc.name : null;
  if (!name) throw new DbtError('Dependency', `Local package at ${spec.local}: its dbt_project.yml has no name`);
  const dest = joinPath(root, installPath, name);
  for (const f of filesUnder(fs, src)) {
    const rel = f.slice(src.length + 1);
    if (rel.startsWith('target/') || rel.startsWith('dbt_packages/') || rel.startsWith('logs/')) continue;
    fs.put(joinPath(dest, rel), fs.read(f)!);
  }
  return { name };
}
