import type { TaskContext } from '../../runtime/TaskContext';

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
