import { DbtError } from '../DbtError';
import { joinPath, readText, type DbtFs } from '../DbtFs';
import { isRecord, readYaml, stringList } from './readYaml';
import { literalEval } from './renderNative';
import { toPlain } from '../jinja/values';

/** dbt_project.yml, read and checked. Paths are relative to the working directory. */
export interface ProjectConfig {
  name: string;
  version: string | null;
  profile: string | null;
  /** The project's folder in the working directory ('' for the root). */
  root: string;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  analysisPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  targetPath: string;
  packagesInstallPath: string;
  vars: Record<string, unknown>;
  models: unknown;
  seeds: unknown;
  tests: unknown;
  snapshots: unknown;
  sources: unknown;
  analyses: unknown;
  onRunStart: string[];
  onRunEnd: string[];
  dispatch: { macroNamespace: string; searchOrder: string[] }[];
  quoting: Record<string, unknown>;
  requireDbtVersion: string[];
  raw: Record<string, unknown>;
  file: string;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Keys whose strings dbt renders later, per node (hooks and vars), not when it reads dbt_project.yml. */
const DEFERRED = new Set(['vars', 'on-run-start', 'on-run-end', 'pre-hook', 'post-hook', '+pre-hook', '+post-hook', 'pre_hook', 'post_hook', '+pre_hook', '+post_hook']);

/**
 * Renders every string of a YAML value, natively as dbt's BaseRenderer does
 * (dbt_project.yml, profiles.yml, properties): a rendered text that reads as
 * a Python literal becomes that value (`"{{ env_var('PORT') }}"` → 5432).
 */
export async function renderStrings(value: unknown, render: (s: string) => Promise<string>, deferKey = (_k: string) => false): Promise<unknown> {
  if (typeof value === 'string') {
    if (!value.includes('{{') && !value.includes('{%')) return value;
    const text = await render(value);
    const lit = literalEval(text);
    return lit === undefined ? text : toPlain(lit);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) out.push(await renderStrings(v, render, deferKey));
    return out;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deferKey(k) ? v : await renderStrings(v, render, deferKey);
    return out;
  }
  return value;
}

/** Reads `<root>/dbt_project.yml`. `render` renders a string with env_var() and var() (command-line vars). */
export async function loadProjectConfig(fs: DbtFs, root: string, render: (s: string) => Promise<string>): Promise<ProjectConfig> {
  const file = joinPath(root, 'dbt_project.yml');
  const text = readText(fs, file);
  if (text === null) {
    throw new DbtError('Runtime', `No dbt_project.yml found at expected path ${file || 'dbt_project.yml'}\nVerify that each entry within packages.yml (and their transitive dependencies) contains a file named dbt_project.yml`);
  }
  const parsed = readYaml(text, file);
  if (!isRecord(parsed)) throw new DbtError('Parsing', `${file} must be a mapping of keys to values`);
  const raw = (await renderStrings(parsed, render, (k) => DEFERRED.has(k))) as Record<string, unknown>;
  const name = raw.name;
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new DbtError('Runtime', `Invalid project config: 'name' in ${file} must be a name of letters, digits and underscores (got ${JSON.stringify(name)})`);
  }
  const paths = (key: string, def: string) => (raw[key] === undefined ? [def] : stringList(raw[key], key, file)).map((p) => p.replace(/\/+$/, ''));
  const dispatch: ProjectConfig['dispatch'] = [];
  if (Array.isArray(raw.dispatch)) {
    for (const d of raw.dispatch) {
      if (!isRecord(d) || typeof d.macro_namespace !== 'string') throw new DbtError('Parsing', `Each \`dispatch\` entry in ${file} needs a macro_namespace and a search_order`);
      dispatch.push({ macroNamespace: d.macro_namespace, searchOrder: stringList(d.search_order, 'search_order', file) });
    }
  }
  const hooks = (v: unknown) => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  return {
    name,
    version: raw.version === undefined ? null : String(raw.version),
    profile: typeof raw.profile === 'string' ? raw.profile : null,
    root,
    modelPaths: paths('model-paths', 'models').concat(raw['source-paths'] !== undefined ? stringList(raw['source-paths'], 'source-paths', file) : []),
    seedPaths: paths('seed-paths', 'seeds').concat(raw['data-paths'] !== undefined ? stringList(raw['data-paths'], 'data-paths', file) : []),
    testPaths: paths('test-paths', 'tests'),
    analysisPaths: paths('analysis-paths', 'analyses'),
    macroPaths: paths('macro-paths', 'macros'),
    snapshotPaths: paths('snapshot-paths', 'snapshots'),
    targetPath: typeof raw['target-path'] === 'string' ? raw['target-path'] : 'target',
    packagesInstallPath: typeof raw['packages-install-path'] === 'string' ? raw['packages-install-path'] : 'dbt_packages',
    vars: isRecord(raw.vars) ? raw.vars : {},
    models: raw.models ?? {},
    seeds: raw.seeds ?? {},
    tests: raw.data_tests ?? raw.tests ?? {},
    snapshots: raw.snapshots ?? {},
    sources: raw.sources ?? {},
    analyses: raw.analyses ?? {},
    onRunStart: hooks(raw['on-run-start']),
    onRunEnd: hooks(raw['on-run-end']),
    dispatch,
    quoting: isRecord(raw.quoting) ? raw.quoting : {},
    requireDbtVersion: raw['require-dbt-version'] === undefined ? [] : stringList(raw['require-dbt-version'], 'require-dbt-version', file),
    raw,
    file,
  };
}
