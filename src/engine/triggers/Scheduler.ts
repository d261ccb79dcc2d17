import type { Flow } from '../flow/Flow';
import type { ResolveInputsOptions } from '../inputs/resolveInputs';
import type { Labels } from '../model/events';
import type { Execution } from '../model/execution';
import { systemClock, type Clock } from '../runtime/Clock';
import type { EngineServices } from '../runtime/EngineServices';
import { ExecutionControl } from '../runtime/ExecutionControl';
import { FlowConcurrency } from '../runtime/FlowConcurrency';
import { randomId } from '../runtime/ids';
import { countTicks } from './countTicks';
import { formatTriggerDate } from './formatTriggerDate';
import { parseTriggerDate } from './parseTriggerDate';
import { scheduleTriggers, type ScheduleTrigger } from './ScheduleTrigger';
import type { BackfillStatus, SchedulerEvent, TriggerRef, TriggerStatus } from './SchedulerEvent';
import { startTriggeredRun } from './startTriggeredRun';
import { TriggerError } from './TriggerError';

export interface BackfillRequest {
  /** A date or ISO text (`2020-03-01`, `2020-03-01T09:00`: read in the trigger's zone). */
  start: Date | string;
  /** Default: now, as Kestra's Trigger.update does when the end is empty. */
  end?: Date | string;
  /** Override the trigger's inputs (what the backfill form or API sends). */
  inputs?: Record<string, unknown>;
  labels?: Labels;
}

export interface SchedulerOptions {
  flows: Flow[];
  /** The real or virtual time the simulated clock runs on (default: the services' clock, else the system's). */
  clock?: Clock;
  /** The simulated date the scheduler starts at (default: the clock's now). */
  startAt?: Date | string;
  /** Given to every execution the scheduler creates (database, fetch, storage, ids…). */
  services?: Partial<EngineServices>;
  /** The host's concurrency gate; pass the one manual runs use, so `concurrency.limit` holds across both. */
  concurrency?: FlowConcurrency;
  onEvent?: (event: SchedulerEvent) => void;
  /** How inputs become typed values (see resolveInputs). */
  resolve?: ResolveInputsOptions;
  /** The most executions one backfill or one clock move may create (default 1,000): a safety net, not a Kestra limit. */
  maxExecutions?: number;
}

interface BackfillState {
  status: BackfillStatus;
  end: Date;
  next: Date | null;
  previousNext: Date | null;
}

interface TriggerState {
  ref: TriggerRef;
  key: string;
  flow: Flow;
  order: number;
  def: ScheduleTrigger;
  next: Date | null;
  hostDisabled: boolean;
  stopped: boolean;
  running: Set<string>;
  lastEvaluation: TriggerStatus['lastEvaluation'];
  backfill: BackfillState | null;
  warnings: string[];
}

const keyOf = (r: TriggerRef) => `${r.namespace}.${r.flowId}:${r.triggerId}`;
const UPCOMING = 5;

/**
 * Kestra's scheduler for Schedule triggers, on a simulated clock the host can
 * move, driving the same engine as manual runs. For each trigger it keeps
 * what Kestra's trigger context keeps: the next date to evaluate, the lock of
 * the execution it started (a trigger never starts a new execution before its
 * last one ended, AbstractScheduler.isExecutionNotRunning), a backfill.
 *
 * Moving the clock (`advanceTo`, `fireNext`) creates an execution for every
 * tick passed, in tick order, one at a time per trigger, exactly as Kestra's
 * scheduler catches up after each evaluation (the next date is computed from
 * the last tick, not from now: Schedule.nextEvaluationDate). With
 * `{ schedulerDown: true }` the move is a restart after downtime and the
 * trigger's `recoverMissedSchedules` applies (ALL, LAST, NONE:
 * AbstractScheduler.initializedTriggers). `start()` follows the real clock.
 * Executions go through a FlowConcurrency, so the flow's `concurrency`
 * queues them with the host's manual runs.
 */
export class Scheduler {
  readonly concurrency: FlowConcurrency;
  private readonly clock: Clock;
  private offset = 0;
  private readonly states = new Map<string, TriggerState>();
  private readonly controls = new Map<string, ExecutionControl>();
  private readonly listeners = new Set<(e: SchedulerEvent) => void>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly max: number;
  private running = 0;
  private loopAbort: AbortController | null = null;
  private started = false;
  private flows: Flow[] = [];

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? options.services?.clock ?? systemClock;
    this.concurrency = options.concurrency ?? new FlowConcurrency();
    this.max = options.maxExecutions ?? 1000;
    if (options.onEvent) this.listeners.add(options.onEvent);
    if (options.startAt !== undefined) {
      const at = typeof options.startAt === 'string' ? parseTriggerDate(options.startAt, 'UTC') : options.startAt;
      this.offset = at.getTime() - this.clock.now().getTime();
    }
    this.setFlows(options.flows);
  }

  /** The simulated now. */
  now(): Date {
    return new Date(this.clock.now().getTime() + this.offset);
  }

  subscribe(listener: (e: SchedulerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every Schedule trigger of every flow, in flow order. */
  triggers(): TriggerStatus[] {
    return [...this.states.values()].map((s) => this.status(s));
  }

  trigger(ref: TriggerRef | string): TriggerStatus {
    return this.status(this.find(ref));
  }

  /** The handle (kill, resume a Pause) of an execution the scheduler created and that is still running. */
  control(executionId: string): ExecutionControl | undefined {
    return this.controls.get(executionId);
  }

  /**
   * Replaces the flows (the learner edited one). A trigger that keeps its
   * namespace, flow id and id keeps its state (next date, backfill, lock);
   * a new one starts from now, as Kestra treats a renamed trigger.
   */
  setFlows(flows: Flow[]): void {
    this.flows = flows;
    const seen = new Set<string>();
    let order = 0;
    for (const flow of flows) {
      for (const def of scheduleTriggers(flow)) {
        const ref = { namespace: flow.namespace, flowId: flow.id, triggerId: def.id };
        const key = keyOf(ref);
        seen.add(key);
        const old = this.states.get(key);
        if (old) {
          const cronChanged = old.def.cron !== def.cron || old.def.timezone !== def.timezone || old.def.withSeconds !== def.withSeconds;
          Object.assign(old, { flow, def, order: order++ });
          if (cronChanged && !old.backfill) old.next = def.ticks.next(this.now());
        } else {
          this.states.set(key, {
            ref,
            key,
            flow,
            order: order++,
            def,
            // a new Schedule is evaluated at its next tick (AbstractScheduler.initializedTriggers → nextEvaluationDate)
            next: def.ticks.next(this.now()),
            hostDisabled: false,
            stopped: false,
            running: new Set(),
            lastEvaluation: null,
            backfill: null,
            warnings: [],
          });
        }
      }
    }
    for (const key of [...this.states.keys()]) if (!seen.has(key)) this.states.delete(key);
    for (const s of this.states.values()) this.emitTrigger(s);
    this.pump();
  }

  /**
   * Moves the simulated clock to `date` and creates the executions of every
   * tick passed; resolves once they have all ended. `schedulerDown`: the
   * scheduler was stopped meanwhile and restarts at `date`, so each trigger's
   * `recoverMissedSchedules` decides which missed ticks run (ALL by default).
   */
  async advanceTo(date: Date | string, options: { schedulerDown?: boolean } = {}): Promise<void> {
    const target = typeof date === 'string' ? parseTriggerDate(date, 'UTC') : date;
    const now = this.now();
    // a second of slack: a virtual clock moves on by itself with every reading
    if (target.getTime() < now.getTime() - 1000) throw new TriggerError('past-clock', { now: now.toISOString(), date: target.toISOString() });
    let pending = 0;
    for (const s of this.states.values()) {
      if (!this.enabled(s) || s.backfill || !s.next) continue;
      const from = options.schedulerDown ? this.recovered(s, target) : s.next;
      if (from) pending += countTicks(s.def.ticks, from, target, this.max);
      if (pending > this.max) throw new TriggerError('backfill-too-many', { max: String(this.max) });
    }
    this.offset += Math.max(0, target.getTime() - now.getTime());
    if (options.schedulerDown) for (const s of this.states.values()) if (!s.backfill && this.enabled(s)) s.next = this.recovered(s, target);
    this.emit({ type: 'clock', now: this.now().toISOString() });
    this.pump();
    await this.idle();
  }

  /**
   * "Fire the next tick now": moves the clock to the next tick of this
   * trigger (or the earliest of all), which also fires any other trigger due
   * by then; resolves once those executions have ended. Returns the tick, or
   * null when nothing is scheduled.
   */
  async fireNext(ref?: TriggerRef | string): Promise<Date | null> {
    const candidates = ref === undefined ? [...this.states.values()] : [this.find(ref)];
    let tick: Date | null = null;
    for (const s of candidates) {
      if (!this.enabled(s) || s.backfill || !s.next) continue;
      if (!tick || s.next.getTime() < tick.getTime()) tick = s.next;
    }
    if (!tick) return null;
    await this.advanceTo(new Date(Math.max(tick.getTime(), this.now().getTime())));
    return tick;
  }

  /**
   * Starts a backfill on a trigger (Kestra: PUT /api/v1/triggers with a
   * backfill): one execution per tick from `start` to `end`, both included,
   * created one at a time in tick order; labels = the trigger's + these,
   * inputs = the trigger's overridden by these. The trigger's own schedule
   * waits until the backfill is over (its next date is kept as
   * previousNextExecutionDate and restored then, Trigger.checkBackfill).
   */
  startBackfill(ref: TriggerRef | string, request: BackfillRequest): BackfillStatus {
    const s = this.find(ref);
    if (!this.enabled(s)) throw new TriggerError('trigger-disabled', { trigger: s.ref.triggerId });
    if (s.backfill) throw new TriggerError('backfill-running', { trigger: s.ref.triggerId });
    if (request.start === undefined || request.start === null || request.start === '') throw new TriggerError('backfill-start');
    const zone = s.def.timezone;
    const toDate = (d: Date | string) => (typeof d === 'string' ? parseTriggerDate(d, zone) : d);
    const start = toDate(request.start);
    const now = this.now();
    const end = request.end === undefined || request.end === '' ? now : toDate(request.end);
    const show = (d: Date) => formatTriggerDate(d, zone);
    if (end.getTime() < start.getTime()) throw new TriggerError('backfill-order', { start: show(start), end: show(end) });
    if (end.getTime() > now.getTime() + 1000) throw new TriggerError('backfill-future', { end: show(end), now: show(now) });
    const total = countTicks(s.def.ticks, start, end, this.max);
    if (total > this.max) throw new TriggerError('backfill-too-many', { max: String(this.max) });
    const first = s.def.ticks.atOrAfter(start);
    const state: BackfillState = {
      end,
      next: first && first.getTime() <= end.getTime() ? first : null,
      previousNext: s.next,
      status: {
        id: (this.options.services?.newId ?? randomId)(),
        trigger: s.ref,
        start: show(start),
        end: show(end),
        currentDate: null,
        paused: false,
        inputs: { ...(request.inputs ?? {}) },
        labels: { ...(request.labels ?? {}) },
        total,
        created: 0,
        ended: 0,
        currentTick: null,
        executionIds: [],
        phase: 'running',
        previousNextExecutionDate: s.next ? show(s.next) : null,
      },
    };
    s.backfill = state;
    this.refreshBackfill(s, state);
    this.pump();
    return { ...state.status };
  }

  /** Pauses a backfill: no new execution is created (the running one goes on). */
  pauseBackfill(ref: TriggerRef | string): BackfillStatus {
    return this.setPaused(ref, true);
  }

  continueBackfill(ref: TriggerRef | string): BackfillStatus {
    return this.setPaused(ref, false);
  }

  /**
   * Deletes a backfill: the ticks not yet created are dropped, an execution
   * already running goes on, and the trigger's schedule resumes from the date
   * it had before the backfill (Kestra's TriggerController.deleteBackfill).
   */
  deleteBackfill(ref: TriggerRef | string): BackfillStatus {
    const s = this.find(ref);
    const bf = s.backfill;
    if (!bf) throw new TriggerError('no-backfill', { trigger: s.ref.triggerId });
    s.backfill = null;
    s.next = bf.previousNext;
    bf.next = null;
    bf.status.phase = 'deleted';
    bf.status.currentDate = null;
    this.emit({ type: 'backfill', backfill: { ...bf.status } });
    this.emitTrigger(s);
    this.pump();
    return { ...bf.status };
  }

  /**
   * The Triggers tab's switch. Enabling again applies `recoverMissedSchedules`
   * to the ticks missed while disabled (Kestra's TriggerController.update):
   * ALL runs them, LAST only the last one, NONE none.
   */
  setEnabled(ref: TriggerRef | string, enabled: boolean): TriggerStatus {
    const s = this.find(ref);
    const was = this.enabled(s);
    s.hostDisabled = !enabled;
    if (enabled) s.stopped = false;
    if (enabled && !was && !s.backfill) s.next = this.recovered(s, this.now());
    this.emitTrigger(s);
    this.pump();
    return this.status(s);
  }

  /** Resolves when no tick is due and no execution the scheduler created is still running. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Follows the real clock: sleeps until the next tick, fires it, and so on, until stop(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.loop();
  }

  stop(): void {
    this.started = false;
    this.loopAbort?.abort();
  }

  /** Stops the clock and kills every execution the scheduler started. */
  dispose(): void {
    this.stop();
    for (const c of this.controls.values()) c.kill();
  }

  private async loop(): Promise<void> {
    while (this.started) {
      this.pump();
      let wait = 60_000;
      for (const s of this.states.values()) {
        if (!this.enabled(s) || s.backfill || !s.next || s.running.size) continue;
        wait = Math.min(wait, s.next.getTime() - this.now().getTime());
      }
      this.loopAbort = new AbortController();
      try {
        await this.clock.sleep(Math.max(0, wait), this.loopAbort.signal);
      } catch {
        // woken up early (stop, or the clock moved)
      }
    }
  }

  private find(ref: TriggerRef | string): TriggerState {
    if (typeof ref !== 'string') {
      const s = this.states.get(keyOf(ref));
      if (s) return s;
      const flow = this.flows.find((f) => f.id === ref.flowId && f.namespace === ref.namespace);
      throw this.unknown(ref.triggerId, flow ?? null);
    }
    const matches = [...this.states.values()].filter((s) => s.ref.triggerId === ref);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) throw new TriggerError('trigger-ambiguous', { trigger: ref, flows: matches.map((m) => `${m.ref.namespace}.${m.ref.flowId}`).join(', ') });
    throw this.unknown(ref, this.flows.length === 1 ? this.flows[0] : null);
  }

  private unknown(triggerId: string, flow: Flow | null): TriggerError {
    const known = [...this.states.values()].filter((s) => !flow || s.flow === flow).map((s) => `\`${s.ref.triggerId}\``);
    const name = flow ? `${flow.namespace}.${flow.id}` : 'any';
    if (!known.length && flow) return new TriggerError('no-schedule', { flow: name });
    return new TriggerError('no-trigger', { flow: name, trigger: triggerId, known: known.join(', ') });
  }

  private enabled(s: TriggerState): boolean {
    return !s.def.disabled && s.flow.disabled !== true && !s.hostDisabled && !s.stopped;
  }

  /** Where a restarted (or re-enabled) trigger resumes, by its recoverMissedSchedules. */
  private recovered(s: TriggerState, now: Date): Date | null {
    if (!s.next || s.next.getTime() > now.getTime()) return s.next;
    if (s.def.recoverMissedSchedules === 'NONE') return s.def.ticks.next(now);
    if (s.def.recoverMissedSchedules === 'LAST') {
      const last = s.def.ticks.previous(now);
      return last && last.getTime() > s.next.getTime() ? last : s.next;
    }
    return s.next;
  }

  private setPaused(ref: TriggerRef | string, paused: boolean): BackfillStatus {
    const s = this.find(ref);
    const bf = s.backfill;
    if (!bf) throw new TriggerError('no-backfill', { trigger: s.ref.triggerId });
    bf.status.paused = paused;
    this.refreshBackfill(s, bf);
    this.pump();
    return { ...bf.status };
  }

  private refreshBackfill(s: TriggerState, bf: BackfillState): void {
    const st = bf.status;
    st.currentDate = bf.next ? formatTriggerDate(bf.next, s.def.timezone) : null;
    if (st.phase !== 'deleted') {
      st.phase = bf.next ? (st.paused ? 'paused' : 'running') : st.ended < st.created ? 'finishing' : 'done';
    }
    this.emit({ type: 'backfill', backfill: { ...st, executionIds: [...st.executionIds] } });
    this.emitTrigger(s);
  }

  /** Creates every execution that is due now, in tick order; each trigger creates one and waits for it. */
  private pump(): void {
    for (;;) {
      const now = this.now().getTime();
      const due: { s: TriggerState; tick: Date; backfill: BackfillState | null }[] = [];
      for (const s of this.states.values()) {
        if (!this.enabled(s)) continue;
        const bf = s.backfill;
        if (bf && !bf.next) {
          // every tick created: the trigger's schedule takes over again (Trigger.checkBackfill)
          s.backfill = null;
          s.next = bf.previousNext;
          this.refreshBackfill(s, bf);
        }
        if (s.running.size && !s.def.allowConcurrent) continue;
        if (s.backfill) {
          if (!s.backfill.status.paused && s.backfill.next && s.backfill.next.getTime() <= now) due.push({ s, tick: s.backfill.next, backfill: s.backfill });
        } else if (s.next && s.next.getTime() <= now) {
          due.push({ s, tick: s.next, backfill: null });
        }
      }
      if (!due.length) break;
      due.sort((a, b) => a.tick.getTime() - b.tick.getTime() || a.s.order - b.s.order);
      for (const d of due) this.create(d.s, d.tick, d.backfill);
    }
    this.checkIdle();
    // the real-clock loop recomputes how long to sleep
    if (this.started) this.loopAbort?.abort();
  }

  private create(s: TriggerState, tick: Date, bf: BackfillState | null): void {
    const control = new ExecutionControl();
    const executionId = (this.options.services?.newId ?? randomId)();
    const run = startTriggeredRun(s.flow, s.def, tick, {
      executionId,
      backfill: bf ? { inputs: bf.status.inputs, labels: bf.status.labels } : undefined,
      concurrency: this.concurrency,
      services: this.options.services,
      control,
      resolve: this.options.resolve,
      emit: (event) => this.emit({ type: 'execution.event', executionId, event }),
      onWarning: (message) => {
        s.warnings = [...s.warnings.slice(-19), message];
        this.emit({ type: 'warning', trigger: s.ref, message });
      },
    });
    this.controls.set(run.executionId, control);
    s.running.add(run.executionId);
    this.running++;
    s.lastEvaluation = { at: this.now().toISOString(), tick: run.variables.date, executionId: run.executionId, backfillId: bf?.status.id ?? null };
    if (bf) {
      bf.next = s.def.ticks.next(tick);
      if (bf.next && bf.next.getTime() > bf.end.getTime()) bf.next = null;
      bf.status.created++;
      bf.status.currentTick = run.variables.date;
      bf.status.executionIds.push(run.executionId);
    } else {
      s.next = s.def.ticks.next(tick);
    }
    this.emit({ type: 'execution.created', trigger: s.ref, executionId: run.executionId, tick: run.variables.date, variables: run.variables, backfillId: bf?.status.id ?? null });
    if (bf) this.refreshBackfill(s, bf);
    else this.emitTrigger(s);
    run.done.then(
      (execution) => this.ended(s, run.executionId, execution, bf),
      (error) => {
        this.emit({ type: 'warning', trigger: s.ref, message: `Execution ${run.executionId} crashed: ${(error as Error).message}` });
        this.ended(s, run.executionId, null, bf);
      },
    );
  }

  private ended(s: TriggerState, executionId: string, execution: Execution | null, bf: BackfillState | null): void {
    s.running.delete(executionId);
    this.controls.delete(executionId);
    this.running--;
    const state = execution?.state.current ?? 'FAILED';
    // Trigger.resetExecution: an end state listed in stopAfter disables the trigger
    if (s.def.stopAfter.includes(state)) s.stopped = true;
    if (execution) this.emit({ type: 'execution.ended', trigger: s.ref, executionId, state, execution, backfillId: bf?.status.id ?? null });
    if (bf) {
      bf.status.ended++;
      this.refreshBackfill(s, bf);
    } else {
      this.emitTrigger(s);
    }
    this.pump();
  }

  private isIdle(): boolean {
    if (this.running > 0) return false;
    const now = this.now().getTime();
    for (const s of this.states.values()) {
      if (!this.enabled(s)) continue;
      if (s.backfill && !s.backfill.status.paused && s.backfill.next && s.backfill.next.getTime() <= now) return false;
      if (!s.backfill && s.next && s.next.getTime() <= now) return false;
    }
    return true;
  }

  private checkIdle(): void {
    if (!this.idleWaiters.length || !this.isIdle()) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private status(s: TriggerState): TriggerStatus {
    const zone = s.def.timezone;
    const upcoming: string[] = [];
    for (let t = s.def.ticks.next(this.now()); t && upcoming.length < UPCOMING; t = s.def.ticks.next(t)) upcoming.push(formatTriggerDate(t, zone));
    const enabled = this.enabled(s);
    return {
      ...s.ref,
      key: s.key,
      type: s.def.type,
      cron: s.def.cron,
      timezone: zone,
      description: s.def.description,
      enabled,
      disabledBy: enabled ? null : s.def.disabled || s.flow.disabled === true ? 'definition' : s.hostDisabled ? 'host' : 'stopAfter',
      nextExecutionDate: s.backfill ? (s.backfill.status.currentDate ?? null) : s.next ? formatTriggerDate(s.next, zone) : null,
      upcoming,
      runningExecutionId: s.running.size ? [...s.running][s.running.size - 1] : null,
      lastEvaluation: s.lastEvaluation,
      backfill: s.backfill ? { ...s.backfill.status, executionIds: [...s.backfill.status.executionIds] } : null,
      warnings: [...s.warnings],
    };
  }

  private emitTrigger(s: TriggerState): void {
    if (this.listeners.size) this.emit({ type: 'trigger', trigger: this.status(s) });
  }

  private emit(event: SchedulerEvent): void {
    for (const l of this.listeners) l(event);
  }
}
