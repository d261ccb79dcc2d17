import type { TaskContext } from '../../runtime/TaskContext';
import type { PropertySpec } from '../TaskDefinition';

/** Properties KV Get and Delete share. */
export const KV_KEY_PROPERTIES: Record<string, PropertySpec> = {
  key: { kind: 'string', required: true },
  namespace: { kind: 'string' },
  errorOnMissing: { kind: 'boolean' },
};

/** The KV store of the task's namespace (or of `namespace` when the task names one). */
export function kvStore(ctx: TaskContext): { namespace: string; store: Map<string, unknown> } {
  const namespace = ctx.task.namespace !== undefined ? ctx.render(String(ctx.task.namespace)) : ctx.execution.namespace;
  let store = ctx.services.kv.get(namespace);
  if (!store) {
    store = new Map();
    ctx.services.kv.set(namespace, store);
  }
  return { namespace, store };
}

/** The rendered key and its namespace's store; fails like Kestra when the key is missing and `errorOnMissing` is set. */
export function kvEntry(ctx: TaskContext): { key: string; store: Map<string, unknown> } {
  const key = ctx.render(String(ctx.task.key));
  const { namespace, store } = kvStore(ctx);
  if (!store.has(key) && ctx.task.errorOnMissing === true) {
    throw new Error(`No value found for key '${key}' in namespace '${namespace}' and \`errorOnMissing\` is set to true`);
  }
  return { key, store };
}
