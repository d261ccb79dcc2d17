import type { SqlDatabase } from '../runtime/EngineServices';
import { ShellFs } from '../shell/ShellFs';
import { joinPath, readText, type DbtFs } from './DbtFs';
import { DbtError } from './DbtError';
import { installCarried, readPackageSpecs } from './project/packages';
import { findProfilesFile } from './project/profile';
import { relationName } from './run/artifacts';
import { DbtSession } from './run/DbtSession';

/** One node of the lineage view. */
export interface DbtGraphNode {
  id: string;
  name: string;
  resourceType: 'model' | 'seed' | 'test' | 'snapshot' | 'analysis' | 'source';
  /** view, table, incremental, ephemeral, seed, test… (null for sources) */
  materialized: string | null;
  /** The file, relative to the project (`models/core/fact_trips.sql`). */
  path: string;
  description: string;
  tags: string[];
  /** `"db"."schema"."name"`, or null (ephemeral models, tests). */
  relation: string | null;
  rawCode: string | null;
  /** The SQL dbt would run (null when not compiled, or when compiling failed: see compileError). */
  compiledCode: string | null;
  compileError: string | null;
  dependsOn: string[];
  /** For tests: the node they test. */
  attachedNode: string | null;
}

export interface DbtProjectGraph {
  project: string;
  nodes: DbtGraphNode[];
  /** Edges from what a node reads to the node. */
  edges: { from: string; to: string }[];
}

/**
 * The project's DAG for the playground's lineage view and Files panel: every
 * model, seed, test, snapshot and source with its edges and, with `compile`
 * and a database, the compiled SQL of each node (macros that read the
 * database, like dbt_utils.star, need the relations to exist). Works on a
 * copy of the files: nothing is written to them. Without a profiles.yml, a
 * Postgres profile on `database` (default `postgres-zoomcamp`) is assumed.
 */
export async function describeDbtProject(o: {
  files: DbtFs;
  projectDir?: string;
  env?: Record<string, string>;
  vars?: Record<string, unknown>;
  /** profiles.yml text (the DbtCLI task's `profiles`), when the files have none. */
  profiles?: string;
  databaseName?: string;
  database?: (name: string) => Promise<SqlDatabase>;
  compile?: boolean;
}): Promise<DbtProjectGraph> {
  const fs = new ShellFs();
  for (const p of o.files.allFiles()) fs.put(p, o.files.read(p)!);
  const projectDir = o.projectDir ?? '';
  if (o.profiles) fs.put('profiles.yml', new TextEncoder().encode(o.profiles));
  const env = o.env ?? {};
  if (!findProfilesFile(fs, { profilesDir: null, env, cwd: '', projectRoot: projectDir })) {
    const profileName = /^\s*profile:\s*['"]?([A-Za-z0-9_-]+)/m.exec(readText(fs, joinPath(projectDir, 'dbt_project.yml')) ?? '')?.[1] ?? 'default';
    fs.put('profiles.yml', new TextEncoder().encode(`${profileName}:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: localhost\n      user: playground\n      password: playground\n      port: 5432\n      dbname: ${o.databaseName ?? 'postgres-zoomcamp'}\n      schema: public\n      threads: 1\n`));
  }
  const session = new DbtSession({
    fs,
    projectDir,
    cwd: '',
    profilesDir: null,
    profile: null,
    target: null,
    env,
    cliVars: o.vars ?? {},
    flags: { which: 'compile', fullRefresh: false, storeFailures: false, warnError: false, empty: false },
    database: o.database,
    listener: { log: () => undefined },
    invocationId: 'lineage',
  });
  await session.loadConfig();
  // the carried packages need no download: "install" them in the copy, as dbt deps would
  for (const spec of readPackageSpecs(fs, session.rootProject.root).specs) {
    if (spec.kind === 'hub') {
      try {
        installCarried(fs, session.rootProject.root, session.rootProject.packagesInstallPath, spec);
      } catch (e) {
        if (!(e instanceof DbtError)) throw e;
      }
    }
  }
  await session.parse();
  const nodes: DbtGraphNode[] = [];
  for (const n of session.manifest.nodes.values()) {
    let compiledCode: string | null = null;
    let compileError: string | null = null;
    if (o.compile && n.resourceType !== 'seed' && n.resourceType !== 'snapshot') {
      try {
        compiledCode = (await session.compile(n)).code;
      } catch (e) {
        compileError = (e as Error).message;
      }
    }
    nodes.push({
      id: n.uniqueId,
      name: n.name,
      resourceType: n.resourceType as DbtGraphNode['resourceType'],
      materialized: String(n.config.materialized),
      path: n.originalFilePath,
      description: n.description,
      tags: n.config.tags,
      relation: relationName(session, n),
      rawCode: n.resourceType === 'seed' ? null : n.rawCode,
      compiledCode,
      compileError,
      dependsOn: n.dependsOn,
      attachedNode: n.attachedNode ?? null,
    });
  }
  for (const s of session.manifest.sources.values()) {
    nodes.push({ id: s.uniqueId, name: `${s.sourceName}.${s.name}`, resourceType: 'source', materialized: null, path: s.originalFilePath, description: s.description, tags: s.tags, relation: session.sourceRelation(s).render(), rawCode: null, compiledCode: null, compileError: null, dependsOn: [], attachedNode: null });
  }
  const edges = nodes.flatMap((n) => n.dependsOn.map((from) => ({ from, to: n.id })));
  return { project: session.rootProject.name, nodes, edges };
}
