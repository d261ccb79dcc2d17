import type { Flow } from '../flow/Flow';

/**
 * The flows the host knows, several per namespace (Kestra's
 * FlowRepository): a Subflow or ForEachItem finds its flow here by namespace
 * and id, and a namespace with flows counts as existing for the KV store.
 * The command line fills it from `--flows <dir>`, the playground from its
 * Flows list.
 */
export interface FlowRepository {
  get(namespace: string, id: string): Flow | undefined;
  namespaces(): string[];
  list(): Flow[];
}

/** A FlowRepository over a list of parsed flows (a later flow with the same namespace and id wins). */
export function memoryFlows(flows: Iterable<Flow>): FlowRepository {
  const byKey = new Map<string, Flow>();
  for (const f of flows) byKey.set(`${f.namespace}\u0000${f.id}`, f);
  return {
    get: (namespace, id) => byKey.get(`${namespace}\u0000${id}`),
    namespaces: () => [...new Set([...byKey.values()].map((f) => f.namespace))],
    list: () => [...byKey.values()],
  };
}
