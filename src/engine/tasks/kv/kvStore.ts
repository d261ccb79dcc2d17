import type { TaskContext } from '../../runtime/TaskContext';
import type { PropertySpec } from '../TaskDefinition';

/** Properties KV Get and Delete share. */
export const KV_KEY_PROPERTIES: Record<string, PropertySpec> = {
  key: { kind: 'string', required: true },
  namespace: { kind: 'string' },
  errorOnMissing: { kind: 'boolean' },
};

/**
 * The KV store of the task's namespace (or of `namespace` when the task names
 * one). As Kestra's KVStoreService#get: another namespace must be a parent of
 * the flow's, hold flows the host knows, or already have keys; else "The
 * namespace '…' does not exist".
 */
export function kvStore(ctx: TaskContext): { namespace: string; store: Map<string, unknown> } {
  const namespace = ctx.task.namespace !== undefined ? ctx.render(String(ctx.task.namespace)) : ctx.execution.namespace;
  const own = ctx.execution.namespace;
  const known = own.startsWith(namespace) || (ctx.services.kv.get(namespace)?.size ?? 0) > 0 || (ctx.services.flows?.namespaces().includes(namespace) ?? false);
  if (!known) throw new Error(`Cannot access the KV store. The namespace '${namespace}' does not exist.`);
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
