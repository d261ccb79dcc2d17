import { parseFlow, type EngineEvent } from '../engine';
import { isTerminated } from '../engine/model/state';
import { Scheduler, TriggerError, type SchedulerEvent } from '../engine/triggers';
import { DEFAULT_KESTRA_VERSION } from '../engine/KestraVersion';
import type { RunSettings, WorkerResponse } from './protocol';
import { concurrency } from './runInWorker';
import { workerServices, type RunServices } from './workerServices';
import { browserDatabases, makeDatabasesDurable } from './browserDatabases';
import { snapshotUrlOf } from './createBrowserServices';

type Post = (msg: WorkerResponse) => void;

/** The methods of the Scheduler the page may call (the rest stays in the worker). */
export const SCHEDULER_METHODS = ['fireNext', 'advanceTo', 'startBackfill', 'pauseBackfill', 'continueBackfill', 'deleteBackfill', 'setEnabled'] as const;
export type SchedulerMethod = (typeof SCHEDULER_METHODS)[number];

/** Separates the English and the Chinese message of a refusal sent to the page. */
export const BILINGUAL = '\u0001';

let scheduler: Scheduler | null = null;
let run: RunServices | null = null;
let post: Post = () => undefined;
/** Terminal states held back until the execution's writes are durable, by execution id. */
const held = new Map<string, EngineEvent>();
/** Scheduler events waiting to go to the page (sent in batches, at most one message per 50 ms). */
let pending: SchedulerEvent[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
/** The lease is held while one of the scheduler's executions runs, by execution id. */
const leases = new Map<string, () => void>();
let dataBase = '';

export function onSchedulerMessage(p: Post): void {
  post = p;
}

function flush(): void {
  timer = null;
  if (!pending.length) return;
  post({ type: 'scheduler', events: pending });
  pending = [];
}

function send(event: SchedulerEvent): void {
  pending.push(event);
  timer ??= setTimeout(flush, event.type === 'execution.event' && event.event.type === 'log' ? 50 : 0);
}

async function forward(event: SchedulerEvent): Promise<void> {
  switch (event.type) {
    case 'execution.created':
      // an execution of the scheduler may use the databases: the tab keeps its lease until it ends
      leases.set(event.executionId, browserDatabases(snapshotUrlOf(dataBase)).hold());
      send(event);
      return;
    case 'execution.event':
      if (event.event.type === 'execution.state' && isTerminated(event.event.state)) {
        held.set(event.executionId, event.event);
        return;
      }
      send(event);
      return;
    case 'execution.ended': {
      // an execution is not SUCCESS until what it wrote is durable
      await makeDatabasesDurable().catch(() => undefined);
      const final = held.get(event.executionId);
      held.delete(event.executionId);
      if (final) send({ type: 'execution.event', executionId: event.executionId, event: { ...(final as EngineEvent & { type: 'execution.state' }), at: new Date().toISOString() } });
      // the page folds the events itself: the snapshot stays here
      send({ ...event, execution: null as never });
      leases.get(event.executionId)?.();
      leases.delete(event.executionId);
      await run?.finish().catch(() => undefined);
      return;
    }
    default:
      send(event);
  }
}

/**
 * Opens (or updates, after an edit) the scheduler of this page's flow: one
 * per worker, on the same concurrency gate as manual runs, so a flow's
 * `concurrency.limit` queues backfills, ticks and Execute together. Returns
 * the triggers' statuses and the simulated clock.
 */
export async function openScheduler(source: string, settings: RunSettings) {
  const parsed = parseFlow(source);
  if (!parsed.flow || parsed.errors.length) return { now: new Date().toISOString(), triggers: [], errors: parsed.errors.length };
  dataBase = settings.dataBase;
  if (!scheduler) {
    run = await workerServices(settings, true);
    scheduler = new Scheduler({
      flows: [parsed.flow],
      concurrency,
      services: { ...run.services, kestraVersion: settings.kestraVersion ?? DEFAULT_KESTRA_VERSION },
      onEvent: (e) => void forward(e),
    });
  } else {
    scheduler.setFlows([parsed.flow]);
  }
  return { now: scheduler.now().toISOString(), triggers: scheduler.triggers(), errors: 0 };
}

export async function callScheduler(method: SchedulerMethod, args: unknown[]): Promise<unknown> {
  if (!scheduler) throw new Error('the scheduler is not open');
  if (!SCHEDULER_METHODS.includes(method)) throw new Error(`unknown scheduler method ${String(method)}`);
  const fn = scheduler[method] as (...a: unknown[]) => unknown;
  let result: unknown;
  try {
    result = fn.apply(scheduler, args);
  } catch (e) {
    // both languages travel to the page, which shows its own
    if (e instanceof TriggerError) throw new Error(`${e.messageIn('en')}${BILINGUAL}${e.messageIn('zh-TW')}`);
    throw e;
  }
  // fireNext and advanceTo resolve when the executions they start have ended: answer at once, the events follow
  if (result instanceof Promise) {
    result.catch((e) => post({ type: 'scheduler', events: [{ type: 'warning', trigger: { namespace: '', flowId: '', triggerId: '' }, message: (e as Error).message }] }));
    return { now: scheduler.now().toISOString(), triggers: scheduler.triggers() };
  }
  return result;
}

export function killScheduled(executionId: string): boolean {
  const c = scheduler?.control(executionId);
  c?.kill();
  return !!c;
}
