import { DbtError } from '../DbtError';
import { joinPath, readText, type DbtFs } from '../DbtFs';
import { renderStrings } from './ProjectConfig';
import { isRecord, readYaml } from './readYaml';

/** The target dbt connects to: the profile's output, rendered. */
export interface TargetInfo {
  profileName: string;
  name: string;
  type: string;
  host: string;
  user: string;
  port: number;
  database: string;
  schema: string;
  threads: number;
  /** Every key of the output as written (rendered), for `target.*` and dbt debug. */
  raw: Record<string, unknown>;
  /** The profiles.yml that was read. */
  file: string;
}

/** Where dbt looks for profiles.yml: --profiles-dir, DBT_PROFILES_DIR, the current directory, the project folder. */
export function findProfilesFile(fs: DbtFs, o: { profilesDir?: string | null; env: Record<string, string>; cwd: string; projectRoot: string }): string | null {
  const dirs = [o.profilesDir, o.env.DBT_PROFILES_DIR, o.cwd, o.projectRoot].filter((d): d is string => d !== null && d !== undefined);
  for (const d of dirs) {
    const f = joinPath(d, 'profiles.yml');
    if (fs.read(f)) return f;
  }
  return null;
}

export async function loadTarget(fs: DbtFs, o: { file: string | null; profile: string; target: string | null; render: (s: string) => Promise<string> }): Promise<TargetInfo> {
  if (!o.file) {
    throw new DbtError('Runtime', `Could not find profile named '${o.profile}'\n  No profiles.yml was found: give the task a \`profiles\` property (Kestra writes it to profiles.yml), or add profiles.yml to the project`);
  }
  const parsed = readYaml(readText(fs, o.file) ?? '', o.file);
  if (!isRecord(parsed) || !isRecord(parsed[o.profile])) {
    const names = isRecord(parsed) ? Object.keys(parsed).filter((k) => k !== 'config') : [];
    throw new DbtError('Runtime', `Could not find profile named '${o.profile}' in ${o.file}${names.length ? ` (it has ${names.map((n) => `'${n}'`).join(', ')})` : ''}`);
  }
  const profile = parsed[o.profile] as Record<string, unknown>;
  const targetName = o.target ?? (typeof profile.target === 'string' ? await o.render(profile.target) : 'default');
  const outputs = profile.outputs;
  if (!isRecord(outputs) || !isRecord(outputs[targetName])) {
    const names = isRecord(outputs) ? Object.keys(outputs) : [];
    throw new DbtError('Runtime', `The profile '${o.profile}' does not have a target named '${targetName}'.${names.length ? ` The valid target names for this profile are:\n - ${names.join('\n - ')}` : ''}`);
  }
  const raw = (await renderStrings(outputs[targetName], o.render)) as Record<string, unknown>;
  const type = String(raw.type ?? '');
  if (type !== 'postgres') {
    throw new DbtError('Runtime', `Could not find adapter type ${type || '(none)'}!\n  This dbt runner has one adapter, postgres: it runs on the playground's PostgreSQL (PGlite). Set \`type: postgres\` in profiles.yml.`);
  }
  const required = (k: string, alt?: string) => {
    const v = raw[k] ?? (alt ? raw[alt] : undefined);
    if (v === undefined || v === null || v === '') throw new DbtError('Runtime', `Credentials in profile "${o.profile}", target "${targetName}" invalid: '${k}' is a required property`);
    return v;
  };
  // dbt-postgres requires a password (its credentials have no default for it)
  required('password', 'pass');
  const port = Number(raw.port ?? 5432);
  const threads = Number(raw.threads ?? 1);
  return {
    profileName: o.profile,
    name: targetName,
    type,
    host: String(required('host')),
    user: String(required('user')),
    port: Number.isFinite(port) ? port : 5432,
    database: String(required('dbname', 'database')),
    schema: String(required('schema')),
    threads: Number.isFinite(threads) && threads > 0 ? threads : 1,
    raw,
    file: o.file,
  };
}
