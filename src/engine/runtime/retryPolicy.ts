import { parseOptionalDuration } from './parseDuration';

/** A task's `retry` property, resolved (Kestra's AbstractRetry and its constant / exponential / random types). */
export interface RetryPolicy {
  type: 'constant' | 'exponential' | 'random';
  /** Total attempts allowed, the first one included (Kestra's maxAttempt / maxAttempts). */
  maxAttempt: number | undefined;
  /** Retrying stops once this long has passed since the first attempt started. */
  maxDurationMs: number | undefined;
  /** A task that succeeds only after retrying ends WARNING. */
  warningOnRetry: boolean;
  /**
   * Kestra's AbstractRetry.Behavior: RETRY_FAILED_TASK (the default) gives the
   * failed task run a new attempt; CREATE_NEW_EXECUTION ends the execution
   * RETRIED and starts a new one (ExecutorService#handleRetryTask).
   */
  behavior: 'RETRY_FAILED_TASK' | 'CREATE_NEW_EXECUTION';
  /** Delay before retry number `retry` (1 = the first retry). */
  delayMs(retry: number): number;
}

/** Without maxAttempt nor maxDuration Kestra retries forever; the browser stops here. */
export const RETRY_SAFETY_CAP = 100;

/**
 * Reads a `retry` map. Kestra 0.x names the limit `maxAttempt`; the current
 * docs write `maxAttempts`; both are accepted. Exponential delays follow the
 * backoff Kestra configures (interval × delayFactor^(retry-1), default factor
 * 2, capped by maxInterval); random picks a delay in [minInterval, maxInterval].
 */
export function parseRetry(spec: Record<string, unknown> | undefined, random: () => number = Math.random): RetryPolicy | null {
  if (!spec || typeof spec !== 'object') return null;
  const type = String(spec.type ?? 'constant').toLowerCase();
  if (type !== 'constant' && type !== 'exponential' && type !== 'random') {
    throw new Error(`Unknown retry type \`${String(spec.type)}\`: use constant, exponential or random`);
  }
  const rawMax = spec.maxAttempt ?? spec.maxAttempts;
  const maxAttempt = rawMax === undefined || rawMax === null ? undefined : Number(rawMax);
  if (maxAttempt !== undefined && (!Number.isInteger(maxAttempt) || maxAttempt < 1)) {
    throw new Error('retry.maxAttempt must be a whole number of at least 1');
  }
  const maxDurationMs = parseOptionalDuration(spec.maxDuration);
  const warningOnRetry = spec.warningOnRetry === true || spec.warningOnRetry === 'true';
  const behavior = String(spec.behavior ?? 'RETRY_FAILED_TASK').toUpperCase();
  if (behavior !== 'RETRY_FAILED_TASK' && behavior !== 'CREATE_NEW_EXECUTION') {
    throw new Error(`Unknown retry behavior \`${String(spec.behavior)}\`: use RETRY_FAILED_TASK or CREATE_NEW_EXECUTION`);
  }
  const interval = parseOptionalDuration(spec.interval) ?? 0;
  let delayMs: (retry: number) => number;
  if (type === 'constant') {
    if (spec.interval === undefined) throw new Error('retry.interval is required for a constant retry');
    delayMs = () => interval;
  } else if (type === 'exponential') {
    if (spec.interval === undefined || spec.maxInterval === undefined) {
      throw new Error('retry.interval and retry.maxInterval are required for an exponential retry');
    }
    const maxInterval = parseOptionalDuration(spec.maxInterval)!;
    const factor = spec.delayFactor === undefined ? 2 : Number(spec.delayFactor);
    delayMs = (retry) => Math.min(Math.round(interval * Math.pow(factor, retry - 1)), maxInterval);
  } else {
    if (spec.minInterval === undefined || spec.maxInterval === undefined) {
      throw new Error('retry.minInterval and retry.maxInterval are required for a random retry');
    }
    const min = parseOptionalDuration(spec.minInterval)!;
    const max = parseOptionalDuration(spec.maxInterval)!;
    delayMs = () => Math.round(min + random() * (max - min));
  }
  return { type, maxAttempt, maxDurationMs, warningOnRetry, behavior: behavior as RetryPolicy['behavior'], delayMs };
}
