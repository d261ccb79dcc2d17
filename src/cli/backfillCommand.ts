import { parseFlow, type Execution } from '../engine';
import { MemoryStorage } from '../engine/storage/MemoryStorage';
import { Scheduler } from '../engine/triggers/Scheduler';
import { TriggerError, triggerMessage } from '../engine/triggers/TriggerError';
import { createNodeServices } from './createNodeServices';
import { printErrors } from './commands';
import type { CliArgs } from './parseArgs';
import { triggeredExecutionJson } from './triggeredExecutionJson';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * `flow backfill <flow.yaml> --trigger <id> --start <ISO> [--end <ISO>]`:
 * one execution per tick of the trigger from start to end, one at a time in
 * tick order, as Kestra's backfill does. `--input` values override the
 * trigger's inputs (as Kestra's API does with `backfill.inputs`; without
 * any, the trigger's inputs apply); `--label` values are added to the
 * trigger's labels. Exit 0 when every execution ends SUCCESS or WARNING.
 */
export async function backfillCommand(file: string, source: string, args: CliArgs): Promise<number> {
  const parsed = parseFlow(source);
  if (parsed.errors.length || !parsed.flow) {
    printErrors(file, parsed.errors);
    return 2;
  }
  if (!args.json) printErrors(file, parsed.warnings);
  const flow = parsed.flow;
  const triggerId = text(args.options.trigger);
  if (!triggerId) {
    process.stderr.write(`backfill needs --trigger <id>\n`);
    return 2;
  }
  const node = await createNodeServices({ db: args.db, dataset: args.dataset ?? 'sample', kestraVersion: args.kestraVersion });
  const scheduler = new Scheduler({ flows: [flow], services: { storage: new MemoryStorage(), secrets: args.secrets, ...node.services } });
  const ended: Execution[] = [];
  const ticks = new Map<string, string>();
  let total = 0;
  scheduler.subscribe((e) => {
    if (e.type === 'execution.ended') ended.push(e.execution);
    if (e.type === 'backfill') total = e.backfill.total;
    if (args.json) return;
    if (e.type === 'backfill' && e.backfill.created === 0 && e.backfill.total > 0) {
      const t = scheduler.trigger(e.backfill.trigger);
      process.stdout.write(`Backfill of ${flow.namespace}.${flow.id}, trigger ${t.triggerId} (${t.description?.en ?? t.cron}): ${e.backfill.total} executions from ${e.backfill.start} to ${e.backfill.end}\n`);
    } else if (e.type === 'execution.created') {
      ticks.set(e.executionId, e.tick);
      process.stdout.write(`[${ticks.size}/${total}] ${e.tick}: execution ${e.executionId} created\n`);
    } else if (e.type === 'execution.event') {
      const ev = e.event;
      if (ev.type === 'log') process.stdout.write(`${ev.at} ${ev.level.padEnd(5)} ${ev.taskId ?? '-'} ${ev.message}\n`);
      else if (ev.type === 'execution.state' && ev.state === 'QUEUED') process.stdout.write(`execution ${e.executionId} QUEUED (concurrency limit ${flow.concurrency?.limit})\n`);
    } else if (e.type === 'execution.ended') {
      const h = e.execution.state.histories;
      process.stdout.write(`${ticks.get(e.executionId)}: execution ${e.executionId} ${e.state} in ${Date.parse(h[h.length - 1].date) - Date.parse(h[0].date)} ms\n`);
    } else if (e.type === 'warning') {
      process.stderr.write(`warning: ${e.message}\n`);
    }
  });
  const onSigint = () => scheduler.dispose();
  process.once('SIGINT', onSigint);
  try {
    let status;
    try {
      status = scheduler.startBackfill(triggerId, {
        start: text(args.options.start) ?? '',
        end: text(args.options.end),
        inputs: args.inputs,
        labels: args.labels,
      });
    } catch (e) {
      if (!(e instanceof TriggerError)) throw e;
      process.stderr.write(`${file}: ${e.message}\n`);
      return 2;
    }
    if (!status.total) {
      const t = scheduler.trigger(triggerId);
      process.stderr.write(`${file}: ${triggerMessage('backfill-empty', { cron: t.cron, zone: t.timezone, start: status.start, end: status.end })}\n`);
    }
    await scheduler.idle();
  } finally {
    process.off('SIGINT', onSigint);
    await node.close();
  }
  const order = new Map([...ticks.keys()].map((id, i) => [id, i]));
  ended.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  if (args.json) process.stdout.write(JSON.stringify({ executions: ended.map(triggeredExecutionJson) }, null, 2) + '\n');
  else {
    const counts = ended.reduce<Record<string, number>>((m, e) => ({ ...m, [e.state.current]: (m[e.state.current] ?? 0) + 1 }), {});
    process.stdout.write(`Backfill: ${ended.length} executions (${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ') || 'none'})\n`);
  }
  return ended.every((e) => e.state.current === 'SUCCESS' || e.state.current === 'WARNING') ? 0 : 1;
}
