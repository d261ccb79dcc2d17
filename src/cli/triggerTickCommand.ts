import { parseFlow, type EngineEvent } from '../engine';
import { MemoryStorage } from '../engine/storage/MemoryStorage';
import { randomId } from '../engine/runtime/ids';
import { ExecutionControl } from '../engine/runtime/ExecutionControl';
import { scheduleTrigger, scheduleTriggers } from '../engine/triggers/ScheduleTrigger';
import { formatTriggerDate } from '../engine/triggers/formatTriggerDate';
import { parseTriggerDate } from '../engine/triggers/parseTriggerDate';
import { startTriggeredRun } from '../engine/triggers/startTriggeredRun';
import { TriggerError, triggerMessage } from '../engine/triggers/TriggerError';
import { createNodeServices } from './createNodeServices';
import { printErrors } from './commands';
import type { CliArgs } from './parseArgs';
import { triggeredExecutionJson } from './triggeredExecutionJson';

/**
 * `flow run <flow.yaml> --trigger <id> --date <ISO>`: the one execution the
 * Schedule trigger creates at that tick (trigger.date/next/previous, its
 * inputs and labels), with `--input` overriding the trigger's inputs. A date
 * that is not a tick is moved to the trigger's first tick at or after it, as
 * Kestra's Schedule.evaluate reads a date (ScheduleTest.systemBackfillChangedFromCronExpression).
 */
export async function triggerTickCommand(file: string, source: string, args: CliArgs): Promise<number> {
  const parsed = parseFlow(source);
  if (parsed.errors.length || !parsed.flow) {
    printErrors(file, parsed.errors);
    return 2;
  }
  if (!args.json) printErrors(file, parsed.warnings);
  const flow = parsed.flow;
  const triggerId = String(args.options.trigger);
  const trigger = scheduleTrigger(flow, triggerId);
  const fail = (e: TriggerError) => {
    process.stderr.write(`${file}: ${e.message}\n`);
    return 2;
  };
  if (!trigger) {
    const known = scheduleTriggers(flow).map((t) => `\`${t.id}\``);
    const name = `${flow.namespace}.${flow.id}`;
    return fail(known.length ? new TriggerError('no-trigger', { flow: name, trigger: triggerId, known: known.join(', ') }) : new TriggerError('no-schedule', { flow: name }));
  }
  if (typeof args.options.date !== 'string') {
    process.stderr.write(`run --trigger needs --date <ISO>, the tick to run\n`);
    return 2;
  }
  let date: Date;
  try {
    date = parseTriggerDate(args.options.date, trigger.timezone);
  } catch (e) {
    if (e instanceof TriggerError) return fail(e);
    throw e;
  }
  const tick = trigger.ticks.atOrAfter(date);
  const show = (d: Date) => formatTriggerDate(d, trigger.timezone);
  if (!tick) return fail(new TriggerError('no-tick', { cron: trigger.cron, zone: trigger.timezone, date: show(date) }));
  if (tick.getTime() !== date.getTime()) {
    process.stderr.write(`${file}: ${triggerMessage('not-a-tick', { date: show(date), cron: trigger.cron, zone: trigger.timezone, tick: show(tick) })}\n`);
  }
  const emit = (e: EngineEvent) => {
    if (!args.json && e.type === 'log') process.stdout.write(`${e.at} ${e.level.padEnd(5)} ${e.taskId ?? '-'} ${e.message}\n`);
  };
  const control = new ExecutionControl();
  const onSigint = () => control.kill();
  process.once('SIGINT', onSigint);
  const node = await createNodeServices({ db: args.db, dataset: args.dataset ?? 'sample', kestraVersion: args.kestraVersion });
  const run = startTriggeredRun(flow, trigger, tick, {
    executionId: randomId(),
    backfill: { inputs: args.inputs, labels: args.labels },
    services: { storage: new MemoryStorage(), secrets: args.secrets, ...node.services },
    emit,
    control,
    onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  const exec = await run.done.finally(async () => {
    process.off('SIGINT', onSigint);
    await node.close();
  });
  if (args.json) process.stdout.write(JSON.stringify(triggeredExecutionJson(exec), null, 2) + '\n');
  else {
    const h = exec.state.histories;
    process.stdout.write(`Execution ${exec.id} (${trigger.id} at ${run.variables.date}) ${exec.state.current} in ${Date.parse(h[h.length - 1].date) - Date.parse(h[0].date)} ms (${exec.taskRunList.length} task runs)\n`);
  }
  return exec.state.current === 'SUCCESS' || exec.state.current === 'WARNING' ? 0 : 1;
}
