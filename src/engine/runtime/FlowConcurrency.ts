import type { Flow } from '../flow/Flow';
import type { Execution } from '../model/execution';
import type { Admission, AdmissionDecision } from './Admission';
import { abortError } from './Clock';
import { runExecution, type RunOptions } from './runExecution';

interface Slots {
  running: Set<string>;
  queue: { id: string; start: () => void }[];
}

/**
 * Starts executions while honouring each flow's `concurrency: {limit,
 * behavior}`. The host (worker, command line) keeps one instance and starts
 * every execution through `run()`. Beyond the limit, QUEUE makes the
 * execution wait in QUEUED until a running one ends (first come, first
 * served); CANCEL ends it CANCELLED and FAIL ends it FAILED, both without
 * running a task. Flows without `concurrency` run at once.
 */
export class FlowConcurrency {
  private readonly flows = new Map<string, Slots>();

  run(flow: Flow, options: RunOptions = {}): Promise<Execution> {
    return runExecution(flow, { ...options, admission: this.admission(flow) });
  }

  /** Running and queued execution ids of a flow (for a Concurrency tab). */
  status(namespace: string, flowId: string): { running: string[]; queued: string[] } {
    const s = this.flows.get(`${namespace}.${flowId}`);
    return { running: s ? [...s.running] : [], queued: s ? s.queue.map((q) => q.id) : [] };
  }

  /** The gate for one flow, or undefined when it has no limit. */
  admission(flow: Flow): Admission | undefined {
    const limit = Number(flow.concurrency?.limit);
    if (!flow.concurrency || !Number.isFinite(limit) || limit < 1) return undefined;
    const behavior = String(flow.concurrency.behavior ?? 'QUEUE').toUpperCase();
    const key = `${flow.namespace}.${flow.id}`;
    let slots = this.flows.get(key);
    if (!slots) this.flows.set(key, (slots = { running: new Set(), queue: [] }));
    const s = slots;
    return {
      enter: (id, onQueued, signal) => {
        if (s.running.size < limit) {
          s.running.add(id);
          return Promise.resolve<AdmissionDecision>('RUN');
        }
        if (behavior === 'CANCEL') return Promise.resolve<AdmissionDecision>('CANCELLED');
        if (behavior === 'FAIL') return Promise.resolve<AdmissionDecision>('FAILED');
        onQueued();
        return new Promise<AdmissionDecision>((resolve, reject) => {
          const entry = {
            id,
            start: () => {
              signal.removeEventListener('abort', onAbort);
              s.running.add(id);
              resolve('RUN');
            },
          };
          const onAbort = () => {
            const i = s.queue.indexOf(entry);
            if (i >= 0) s.queue.splice(i, 1);
            reject(abortError());
          };
          if (signal.aborted) return onAbort();
          signal.addEventListener('abort', onAbort, { once: true });
          s.queue.push(entry);
        });
      },
      leave: (id) => {
        if (!s.running.delete(id)) return;
        while (s.running.size < limit && s.queue.length) s.queue.shift()!.start();
      },
    };
  }
}
