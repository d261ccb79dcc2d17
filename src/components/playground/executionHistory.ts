import { createStore, get, set, del, keys, getMany } from 'idb-keyval';
import { isTerminated } from '../../engine/model/state';
import type { Execution } from '../../engine';

/**
 * This browser's past executions, kept in IndexedDB per flow (namespace.id),
 * newest first, at most MAX per flow. An execution still RUNNING when the page
 * went away is shown as KILLED: its worker died with the page.
 */
const MAX = 20;
let store: ReturnType<typeof createStore> | null = null;
const db = () => (store ??= createStore('kestra-playground', 'executions'));

const keyOf = (e: Pick<Execution, 'namespace' | 'flowId' | 'id'>) => `${e.namespace}.${e.flowId}/${e.id}`;

export async function saveExecution(exec: Execution): Promise<void> {
  try {
    await set(keyOf(exec), exec, db());
    const all = (await keys(db())).map(String).filter((k) => k.startsWith(`${exec.namespace}.${exec.flowId}/`));
    if (all.length > MAX) {
      const items = (await getMany(all, db())) as (Execution | undefined)[];
      const sorted = items.filter((x): x is Execution => !!x).sort((a, b) => b.state.histories[0].date.localeCompare(a.state.histories[0].date));
      for (const old of sorted.slice(MAX)) await del(keyOf(old), db());
    }
  } catch {
    /* storage unavailable: history stays in memory for this page only */
  }
}

export async function listExecutions(namespace: string, flowId: string): Promise<Execution[]> {
  try {
    const prefix = `${namespace}.${flowId}/`;
    const ks = (await keys(db())).map(String).filter((k) => k.startsWith(prefix));
    const items = (await getMany(ks, db())) as (Execution | undefined)[];
    return items
      .filter((x): x is Execution => !!x)
      .map(markInterrupted)
      .sort((a, b) => b.state.histories[0].date.localeCompare(a.state.histories[0].date));
  } catch {
    return [];
  }
}

export async function loadExecution(namespace: string, flowId: string, id: string): Promise<Execution | null> {
  try {
    const e = (await get(`${namespace}.${flowId}/${id}`, db())) as Execution | undefined;
    return e ? markInterrupted(e) : null;
  } catch {
    return null;
  }
}

function markInterrupted(e: Execution): Execution {
  if (isTerminated(e.state.current)) return e;
  const date = e.state.histories.at(-1)?.date ?? new Date().toISOString();
  return {
    ...e,
    state: { current: 'KILLED', histories: [...e.state.histories, { state: 'KILLED', date }] },
    taskRunList: e.taskRunList.map((t) =>
      isTerminated(t.state.current) ? t : { ...t, state: { current: 'KILLED', histories: [...t.state.histories, { state: 'KILLED', date }] } },
    ),
    interrupted: true,
  } as Execution;
}
