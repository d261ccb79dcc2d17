import type { Flow } from '../flow/Flow';
import { SCHEDULE, TRIGGER_ALIASES } from '../flow/validateTriggers';
import type { StateType } from '../model/state';
import { checkCronExpression, cronTicks, type CronTicks } from './cronExpression';
import { describeCron, type CronDescription } from './describeCron';

export type RecoverMissedSchedules = 'ALL' | 'LAST' | 'NONE';

/** One `io.kestra.plugin.core.trigger.Schedule` of a flow, read for running. */
export interface ScheduleTrigger {
  id: string;
  /** The type as the flow writes it (Kestra records it so on the execution). */
  type: string;
  cron: string;
  withSeconds: boolean;
  /** IANA id or fixed offset; UTC when the flow sets none (Kestra's Docker image runs in UTC). */
  timezone: string;
  /** Raw `inputs:` (rendered when an execution is created, as Schedule.generateInputs does). */
  inputs: Record<string, unknown>;
  /** Raw `labels:` (a map or a list of key/value), rendered per execution. */
  labels: unknown;
  disabled: boolean;
  stopAfter: StateType[];
  recoverMissedSchedules: RecoverMissedSchedules;
  /** Newer Kestra: let this trigger's executions overlap (default false: a trigger waits for its last execution). */
  allowConcurrent: boolean;
  ticks: CronTicks;
  description: CronDescription | null;
  /** Position in the flow's `triggers` list. */
  index: number;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The Schedule triggers of a validated flow that can run: a cron that is an
 * expression, or that does not check, is left out (validation has said why).
 */
export function scheduleTriggers(flow: Flow): ScheduleTrigger[] {
  const out: ScheduleTrigger[] = [];
  (Array.isArray(flow.triggers) ? flow.triggers : []).forEach((t, index) => {
    if (!isMap(t) || typeof t.id !== 'string' || typeof t.type !== 'string') return;
    if ((TRIGGER_ALIASES[t.type] ?? t.type) !== SCHEDULE) return;
    if (typeof t.cron !== 'string' || /\{\{|\{%/.test(t.cron)) return;
    const withSeconds = t.withSeconds === true;
    if (checkCronExpression(t.cron, withSeconds)) return;
    const timezone = typeof t.timezone === 'string' && t.timezone ? t.timezone : 'UTC';
    const recover = String(t.recoverMissedSchedules ?? 'ALL').toUpperCase();
    out.push({
      id: t.id,
      type: t.type,
      cron: t.cron,
      withSeconds,
      timezone,
      inputs: isMap(t.inputs) ? t.inputs : {},
      labels: t.labels,
      disabled: t.disabled === true,
      stopAfter: Array.isArray(t.stopAfter) ? (t.stopAfter.map((s) => String(s).toUpperCase()) as StateType[]) : [],
      recoverMissedSchedules: recover === 'LAST' || recover === 'NONE' ? recover : 'ALL',
      allowConcurrent: t.allowConcurrent === true,
      ticks: cronTicks(t.cron, { withSeconds, timezone }),
      description: describeCron(t.cron, { withSeconds, timezone }),
      index,
    });
  });
  return out;
}

/** One Schedule trigger of a flow by id, or undefined. */
export function scheduleTrigger(flow: Flow, triggerId: string): ScheduleTrigger | undefined {
  return scheduleTriggers(flow).find((t) => t.id === triggerId);
}
