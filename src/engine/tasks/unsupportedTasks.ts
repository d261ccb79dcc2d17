import type { TaskDefinition } from './TaskDefinition';

/** Where the site explains how to run a flow on a real Kestra. */
export const RUN_ON_KESTRA_PATH = 'run-on-kestra/';

/**
 * Task families a learner may paste from the course or the docs that this
 * browser engine cannot run. They validate (the flow is not rejected as
 * "unknown type") but fail at run time, saying why. Registered task types
 * always win over this list, so a family can gain a real implementation.
 */
export const UNSUPPORTED_TASK_FAMILIES: readonly { prefix: string; reason: string }[] = [
  { prefix: 'io.kestra.plugin.gcp.', reason: 'it calls Google Cloud (GCS, BigQuery, …) with your service-account credentials, which a browser page cannot hold or reach' },
  { prefix: 'io.kestra.plugin.aws.', reason: 'it calls Amazon Web Services with your credentials, which a browser page cannot hold or reach' },
  { prefix: 'io.kestra.plugin.azure.', reason: 'it calls Microsoft Azure with your credentials, which a browser page cannot hold or reach' },
  { prefix: 'io.kestra.plugin.scripts.runner.docker.', reason: 'it starts Docker containers, and a browser has no Docker' },
  { prefix: 'io.kestra.plugin.docker.', reason: 'it starts Docker containers, and a browser has no Docker' },
  { prefix: 'io.kestra.plugin.kubernetes.', reason: 'it starts pods on a Kubernetes cluster' },
  { prefix: 'io.kestra.plugin.scripts.python.', reason: 'this playground runs only the Python `Script` and `Commands` tasks (on Pyodide, Python in WebAssembly)' },
  { prefix: 'io.kestra.plugin.scripts.node.', reason: 'it runs Node.js on the Kestra worker' },
  { prefix: 'io.kestra.plugin.scripts.r.', reason: 'it runs R on the Kestra worker' },
  { prefix: 'io.kestra.plugin.scripts.jython.', reason: 'it runs a Jython interpreter on the Kestra worker' },
  { prefix: 'io.kestra.plugin.scripts.powershell.', reason: 'it runs PowerShell on the Kestra worker' },
  { prefix: 'io.kestra.plugin.git.', reason: 'it pushes to a Git repository or syncs flows over the network with your credentials (SyncNamespaceFiles and Clone run here)' },
  { prefix: 'io.kestra.plugin.dbt.', reason: 'it calls dbt Cloud or is one of the older dbt.cli tasks (use io.kestra.plugin.dbt.cli.DbtCLI, which runs here)' },
  { prefix: 'io.kestra.plugin.jdbc.duckdb.', reason: 'this playground runs only the DuckDB `Query` and `Queries` tasks (on DuckDB-Wasm)' },
  { prefix: 'io.kestra.plugin.core.execution.Count', reason: 'it counts executions in Kestra\'s database, and this playground keeps no execution repository' },
  { prefix: 'io.kestra.plugin.core.execution.PurgeExecutions', reason: 'it purges executions of Kestra\'s database, and this playground keeps no execution repository' },
  { prefix: 'io.kestra.plugin.core.execution.Resume', reason: 'it resumes another execution by id, and this playground runs one execution at a time' },
  { prefix: 'io.kestra.plugin.core.log.PurgeLogs', reason: 'it purges logs of Kestra\'s database, and this playground keeps no log repository' },
  { prefix: 'io.kestra.plugin.core.namespace.', reason: 'it manages namespace files on the Kestra server' },
  { prefix: 'io.kestra.plugin.core.state.', reason: 'the deprecated state store tasks are not implemented here: use the KV store (kv.Set, kv.Get)' },
  { prefix: 'io.kestra.plugin.core.storage.', reason: 'this storage task is not implemented here (Size, Delete, Concat and PurgeCurrentExecutionFiles are)' },
  { prefix: 'io.kestra.plugin.core.flow.Template', reason: 'templates were removed from Kestra (disabled since 0.11): use a Subflow' },
  { prefix: 'io.kestra.plugin.core.templating.', reason: 'TemplatedTask renders a whole task definition at run time, which this playground does not implement' },
  { prefix: 'io.kestra.plugin.core.http.', reason: 'it sends HTTP requests this playground does not implement (only `Download` is available)' },
  { prefix: 'io.kestra.plugin.jdbc.', reason: 'it connects to an external database server over the network' },
  { prefix: 'io.kestra.plugin.notifications.', reason: 'it sends messages to Slack, e-mail or other services with your credentials' },
  { prefix: 'io.kestra.plugin.ai.', reason: 'it calls a hosted AI model with your API key' },
  { prefix: 'io.kestra.plugin.langchain4j.', reason: 'it calls a hosted AI model with your API key' },
  { prefix: 'io.kestra.plugin.openai.', reason: 'it calls the OpenAI API with your API key' },
  { prefix: 'io.kestra.plugin.googleworkspace.', reason: 'it calls Google Workspace with your credentials' },
  { prefix: 'io.kestra.plugin.fs.', reason: 'it connects to an SFTP, FTP or SMB server over the network' },
  { prefix: 'io.kestra.plugin.spark.', reason: 'it submits jobs to a Spark cluster' },
];

/** Why a task type cannot run here, or null when it is not a known unsupported family. */
export function unsupportedReason(type: string): string | null {
  return UNSUPPORTED_TASK_FAMILIES.find((f) => type.startsWith(f.prefix))?.reason ?? null;
}

/** The message an unsupported task fails with. */
export function unsupportedMessage(type: string, reason: string): string {
  return (
    `Task type \`${type}\` cannot run in this browser playground: ${reason}. ` +
    `The flow itself is valid: run the same flow on Kestra (see the "Run it on real Kestra" page, ${RUN_ON_KESTRA_PATH}).`
  );
}

const cache = new Map<string, TaskDefinition>();

/** A definition that validates any properties and fails at run time with `unsupportedMessage`. */
export function unsupportedTaskDefinition(type: string): TaskDefinition | undefined {
  const reason = unsupportedReason(type);
  if (!reason) return undefined;
  let def = cache.get(type);
  if (!def) {
    def = {
      type,
      unsupported: reason,
      properties: {},
      async run() {
        throw new Error(unsupportedMessage(type, reason));
      },
    };
    cache.set(type, def);
  }
  return def;
}
