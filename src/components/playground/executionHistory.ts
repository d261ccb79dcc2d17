import { createStore, get, set, del, keys, getMany } from 'idb-keyval';
import { isTerminated } from '../../engine/model/state';
import type { Execution } from '../../engine';
import { reduceEvents } from '../../engine/reduceExecution';
import { killUnfinished } from '../../engine/killUnfinished';

/**
 * This browser's past executions, kept in IndexedDB per flow (namespace.id),
 * newest first, at most MAX per flow. While an execution runs, the page saves
 * it every second with the time it last saw it alive (`lastSeen`); one still
 * running when the page went away is shown as it was then, its unfinished
 * task runs and itself ended KILLED at that time, "interrupted by a page reload".
 */
export type StoredExecution = Execution & {
  /** While running: when the page last saw it alive. */
  lastSeen?: string;
  /** While running: which page load runs it (PAGE_ID). */
  page?: string;
  /** Set when the page went away while it ran: when that was. */
  interrupted?: { at: string };
};
const MAX = 20;
let store: ReturnType<typeof createStore> | null = null;
const db = () => (store ??= createStore('kestra-playground', 'executions'));

const keyOf = (e: Pick<Execution, 'namespace' | 'flowId' | 'id'>) => `${e.namespace}.${e.flowId}/${e.id}`;

/**
 * This page load. It holds a Web Lock named after itself for as long as it
 * lives, so a running execution saved by a page whose lock is gone was
 * interrupted (the tab was closed or reloaded), while one saved by a page
 * still open (this one, another tab) is running.
 */
const PAGE_ID = Math.random().toString(36).slice(2);
const PAGE_LOCK = (id: string) => `kestra-playground-page-${id}`;
type Locks = { request(name: string, cb: () => Promise<void>): Promise<unknown>; query(): Promise<{ held?: { name?: string }[] }> };
const locks = (globalThis as unknown as { navigator?: { locks?: Locks } }).navigator?.locks;
void locks?.request(PAGE_LOCK(PAGE_ID), () => new Promise<void>(() => undefined));

async function livePages(): Promise<Set<string>> {
  const out = new Set<string>([PAGE_ID]);
  try {
    for (const l of (await locks?.query())?.held ?? []) if (l.name?.startsWith(PAGE_LOCK(''))) out.add(l.name.slice(PAGE_LOCK('').length));
  } catch {
    /* no Web Locks: only this page is known to be alive */
  }
  return out;
}

export async function saveExecution(exec: Execution): Promise<void> {
  try {
    const stored: StoredExecution = isTerminated(exec.state.current) ? exec : { ...exec, lastSeen: new Date().toISOString(), page: PAGE_ID };
    await set(keyOf(exec), stored, db());
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

export async function listExecutions(namespace: string, flowId: string): Promise<StoredExecution[]> {
  try {
    const prefix = `${namespace}.${flowId}/`;
    const ks = (await keys(db())).map(String).filter((k) => k.startsWith(prefix));
    const live = await livePages();
    const items = (await getMany(ks, db())) as (Execution | undefined)[];
    return items
      .filter((x): x is Execution => !!x)
      .map((e) => markInterrupted(e, live))
      .sort((a, b) => b.state.histories[0].date.localeCompare(a.state.histories[0].date));
  } catch {
    return [];
  }
}

export async function loadExecution(namespace: string, flowId: string, id: string): Promise<StoredExecution | null> {
  try {
    const e = (await get(`${namespace}.${flowId}/${id}`, db())) as Execution | undefined;
    return e ? markInterrupted(e, await livePages()) : null;
  } catch {
    return null;
  }
}

/** An execution the page lost while it ran: kept as it was, ended KILLED when it was last seen alive. */
export function markInterrupted(e: StoredExecution, livePageIds: ReadonlySet<string>): StoredExecution {
  if (isTerminated(e.state.current)) return e;
  // still running: in this page, or in another tab that is still open
  if (e.page && livePageIds.has(e.page)) return e;
  const last = e.state.histories.at(-1)?.date ?? new Date().toISOString();
  const date = e.lastSeen && e.lastSeen > last ? e.lastSeen : last;
  const ended = reduceEvents(e, killUnfinished(e, date, 'Interrupted by a page reload: the tab was closed or reloaded while this execution ran')) ?? e;
  return { ...ended, interrupted: { at: date } };
}
