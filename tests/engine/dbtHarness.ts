import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ShellFs } from '../../src/engine/shell/ShellFs';
import { runDbtCommand } from '../../src/engine/dbt/run/runDbtCommand';
import { shellWords } from '../../src/engine/dbt/run/parseDbtArgs';
import type { DbtLogEvent, NodeFinished } from '../../src/engine/dbt/run/DbtLog';
import type { JinjaLimits } from '../../src/engine/dbt/jinja/JinjaBudget';
import type { SqlDatabase } from '../../src/engine/runtime/EngineServices';
import { ROOT } from './runFlowFile';

export const DBT_FIXTURES = resolve(ROOT, 'tests/fixtures/dbt');

export const PROFILE = (name: string, dbname = 'shop-db') => `${name}:
  target: dev
  outputs:
    dev:
      type: postgres
      host: localhost
      user: tester
      password: secret
      port: 5432
      dbname: ${dbname}
      schema: analytics
      threads: 4
`;

/** Every file of a folder, as [path relative to it, bytes]. */
export function folderFiles(dir: string): [string, Uint8Array][] {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  return walk(dir).map((f) => [relative(dir, f), new Uint8Array(readFileSync(f))]);
}

export interface DbtRun {
  exitCode: number;
  logs: DbtLogEvent[];
  lines: string[];
  finished: NodeFinished[];
}

/** A working directory holding a fixture project and profiles.yml, and a way to run dbt command lines in it. */
export class DbtWorkspace {
  readonly fs = new ShellFs();
  private n = 0;

  constructor(
    readonly database: (name: string) => Promise<SqlDatabase>,
    readonly env: Record<string, string> = {},
    readonly limits?: JinjaLimits,
  ) {}

  load(fixture: string, into = ''): this {
    for (const [p, data] of folderFiles(join(DBT_FIXTURES, fixture))) this.fs.put(into ? `${into}/${p}` : p, data);
    return this;
  }

  write(path: string, text: string): this {
    this.fs.put(path, new TextEncoder().encode(text));
    return this;
  }

  read(path: string): string | null {
    const d = this.fs.read(path);
    return d ? new TextDecoder().decode(d) : null;
  }

  json<T = Record<string, unknown>>(path: string): T {
    const t = this.read(path);
    if (t === null) throw new Error(`no file ${path}`);
    return JSON.parse(t) as T;
  }

  async run(line: string, projectDir = ''): Promise<DbtRun> {
    const logs: DbtLogEvent[] = [];
    const finished: NodeFinished[] = [];
    const out = await runDbtCommand(shellWords(line), {
      fs: this.fs,
      projectDir,
      env: this.env,
      database: this.database,
      listener: { log: (e) => logs.push(e), nodeFinished: (f) => finished.push(f) },
      invocationId: `inv-${++this.n}`,
      limits: this.limits,
    });
    return { exitCode: out.exitCode, logs, lines: logs.map((l) => l.msg), finished };
  }
}

/** dbt's status of each node in run_results.json, by node name. */
export function statuses(ws: DbtWorkspace, projectDir = ''): Record<string, string> {
  const rr = ws.json<{ results: { unique_id: string; status: string }[] }>(`${projectDir ? projectDir + '/' : ''}target/run_results.json`);
  return Object.fromEntries(rr.results.map((r) => [r.unique_id.split('.').slice(0, 3).join('.'), r.status]));
}
