import type { ExecutionControl } from './ExecutionControl';
import type { Clock } from './Clock';
import { raceAbort } from './raceAbort';
import type { PauseResult } from './TaskContext';

/**
 * How a paused task run waits: for the host's resume() (when it has an
 * ExecutionControl), for its pause duration, or for a kill / timeout
 * (`signal`). With neither a control, a duration nor a timeout nothing could ever
 * resume it: it answers `never` at once, and the execution stops PAUSED, as
 * Kestra's does until someone resumes it (the command line says so).
 */
export async function waitForResume(o: {
  control: ExecutionControl | undefined;
  clock: Clock;
  taskRunId: string;
  taskId: string;
  durationMs: number | undefined;
  /** The task's `timeout`: a pause nothing can resume still ends when it runs out. */
  timeoutMs: number | undefined;
  signal: AbortSignal;
}): Promise<PauseResult> {
  if (!o.control && o.durationMs === undefined && o.timeoutMs === undefined) return { resumedBy: 'never', inputs: {} };
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  if (o.signal.aborted) stop.abort();
  try {
    const waits: Promise<PauseResult>[] = [];
    if (o.control) {
      waits.push(o.control.waitForResume({ taskRunId: o.taskRunId, taskId: o.taskId }, stop.signal).then((inputs) => ({ resumedBy: 'user' as const, inputs })));
    }
    if (o.durationMs !== undefined) {
      waits.push(o.clock.sleep(o.durationMs, stop.signal).then(() => ({ resumedBy: 'timer' as const, inputs: {} })));
    }
    waits.push(raceAbort(new Promise<PauseResult>(() => undefined), stop.signal));
    for (const w of waits) w.catch(() => undefined);
    return await Promise.race(waits);
  } finally {
    stop.abort();
    o.signal.removeEventListener('abort', onAbort);
  }
}
