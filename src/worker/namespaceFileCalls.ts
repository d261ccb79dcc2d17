import { ShellFs } from '../engine/shell/ShellFs';
import type { DbtProjectGraph } from '../engine/dbt/describeDbtProject';
import { namespaceFiles } from './createBrowserServices';
import { browserDatabases } from './browserDatabases';
import { snapshotUrlOf } from './createBrowserServices';

const text = new TextDecoder();
const bytes = new TextEncoder();

/** Files larger than this are listed but not opened as text in the Files panel. */
export const MAX_EDITABLE_BYTES = 2 * 1024 * 1024;

/** The Files panel's calls on a namespace's files (the same store the flows use). */
export const namespaceFileCalls = {
  async list(namespace: string, refresh = false) {
    await namespaceFiles.load(refresh);
    const paths = await namespaceFiles.list(namespace);
    return Promise.all(paths.map(async (path) => ({ path, size: (await namespaceFiles.read(namespace, path))?.byteLength ?? 0 })));
  },
  async read(namespace: string, path: string): Promise<string | null> {
    const data = await namespaceFiles.read(namespace, path);
    if (!data) return null;
    if (data.byteLength > MAX_EDITABLE_BYTES) throw new Error(`${path} is ${data.byteLength.toLocaleString('en-US')} bytes: too big to edit here`);
    return text.decode(data);
  },
  write: (namespace: string, path: string, content: string) => namespaceFiles.write(namespace, path, bytes.encode(content)),
  delete: (namespace: string, path: string) => namespaceFiles.delete(namespace, path),

  /**
   * The dbt project in a namespace's files as the lineage view draws it:
   * every node with its edges and, compiled against the in-browser
   * database, its SQL. `task` gives the DbtCLI task's projectDir, env and profiles.
   */
  async dbtGraph(namespace: string, task: { projectDir?: string; env?: Record<string, string>; profiles?: string; database?: string }, dataBase: string): Promise<DbtProjectGraph> {
    const fs = new ShellFs();
    for (const path of await namespaceFiles.list(namespace)) {
      const data = await namespaceFiles.read(namespace, path);
      if (data) fs.put(path, data);
    }
    const use = browserDatabases(snapshotUrlOf(dataBase)).use();
    try {
      const { describeDbtProject } = await import('../engine/dbt/describeDbtProject');
      return await describeDbtProject({ files: fs, projectDir: task.projectDir, env: task.env, profiles: task.profiles, databaseName: task.database, database: use.database, compile: true });
    } finally {
      use.done();
    }
  },
};
