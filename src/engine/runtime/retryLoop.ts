import type { LogLevel } from '../model/events';
import type { StateType } from '../model/state';
import type { Clock } from './Clock';
import { javaDurationString } from './formatDuration';
import { RETRY_SAFETY_CAP, type RetryPolicy } from './retryPolicy';

export interface AttemptResult {
  state: StateType;
  outputs?: Record<string, unknown>;
}

export interface RetryHooks {
  clock: Clock;
  /** Aborted on kill: the wait between attempts stops at once. */
  killSignal: AbortSignal;
  setState(state: StateType): void;
  log(level: LogLevel, message: string): void;
  /** Before attempt `n` (1, 2, …) starts. */
  startAttempt(n: number): void;
  /** The task run waits to retry (true) or stopped waiting (false): the execution shows RETRYING meanwhile. */
  waiting(on: boolean): void;
}

/**
 * Kestra's RETRY_FAILED_TASK behaviour: the same task run gets a new attempt
 * after each failure, as the policy allows (maxAttempt counts every attempt,
 * maxDuration the time since the first one started); between attempts it is
 * FAILED then RETRYING. A task that succeeds only after retrying ends
 * WARNING with `warningOnRetry`.
 */
export async function retryLoop(retry: RetryPolicy | null, hooks: RetryHooks, attempt: (n: number) => Promise<AttemptResult>): Promise<AttemptResult> {
  const firstStart = hooks.clock.now().getTime();
  for (let n = 1; ; n++) {
    if (n > 1) hooks.setState('RUNNING');
    hooks.startAttempt(n);
    const result = await attempt(n);
    if (result.state !== 'FAILED' || !retry || hooks.killSignal.aborted) {
      if (result.state === 'SUCCESS' && n > 1 && retry?.warningOnRetry) result.state = 'WARNING';
      return result;
    }
    const delay = retry.delayMs(n);
    if (!mayRetry(retry, n, hooks.clock.now().getTime() - firstStart, delay)) {
      if (retry.maxAttempt === undefined && retry.maxDurationMs === undefined) {
        hooks.log('WARN', `Gave up after ${RETRY_SAFETY_CAP} attempts: set retry.maxAttempt or retry.maxDuration`);
      }
      return result;
    }
    hooks.setState('FAILED');
    hooks.setState('RETRYING');
    hooks.log('INFO', `Attempt ${n} failed; retrying in ${javaDurationString(delay)}`);
    hooks.waiting(true);
    try {
      await hooks.clock.sleep(delay, hooks.killSignal);
    } catch {
      return { state: 'KILLED' };
    } finally {
      hooks.waiting(false);
    }
  }
}

/** Whether attempt `done + 1` may start, `elapsedMs` after the first one started, after waiting `delayMs`. */
export function mayRetry(retry: RetryPolicy, done: number, elapsedMs: number, delayMs: number): boolean {
  const limit = retry.maxAttempt ?? (retry.maxDurationMs === undefined ? RETRY_SAFETY_CAP : Infinity);
  if (done >= limit) return false;
  return retry.maxDurationMs === undefined || elapsedMs + delayMs < retry.maxDurationMs;
}

/**
 * CREATE_NEW_EXECUTION (ExecutorService#handleRetryTask): a failed task run
 * ends RETRIED and so does its execution; runExecution starts the next one
 * after the returned delay, as long as the policy allows (attempts are
 * counted per execution, `elapsedMs` since the first one started). Null:
 * no new execution, the task stays FAILED.
 */
export function newExecutionDelay(result: AttemptResult, retry: RetryPolicy, attemptNumber: number, elapsedMs: number): number | null {
  if (result.state !== 'FAILED') return null;
  const delay = retry.delayMs(attemptNumber);
  return mayRetry(retry, attemptNumber, elapsedMs, delay) ? delay : null;
}
