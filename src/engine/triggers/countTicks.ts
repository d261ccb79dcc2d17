import type { CronTicks } from './cronExpression';

/**
 * How many ticks fall in [from, to] (both ends included: the start tick since
 * Kestra PR #18911, the end tick as Trigger.checkBackfill keeps going while
 * the next date is not after the end), stopping at `max + 1` so a huge range
 * is cheap to refuse. `from` is read as Kestra reads a backfill's start: the
 * first tick at or after it (Schedule.scheduleDates).
 */
export function countTicks(ticks: CronTicks, from: Date, to: Date, max: number): number {
  let n = 0;
  for (let t = ticks.atOrAfter(from); t && t.getTime() <= to.getTime(); t = ticks.next(t)) {
    if (++n > max) break;
  }
  return n;
}
