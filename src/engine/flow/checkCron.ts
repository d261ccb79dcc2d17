import { checkCronExpression, type CronProblem } from '../triggers/cronExpression';

export type { CronProblem };

/**
 * Checks a cron expression as Kestra's Schedule trigger reads it (Unix cron:
 * minute hour day-of-month month day-of-week; a leading seconds field when
 * `withSeconds` is true; or a nickname such as `@daily`), through croner with
 * Kestra's restrictions (triggers/cronExpression.ts). Null when valid; else
 * which part is wrong, for a located, bilingual `cron-fields`/`cron-field` error.
 */
export function checkCron(cron: string, withSeconds = false): CronProblem | null {
  return checkCronExpression(cron, withSeconds);
}
