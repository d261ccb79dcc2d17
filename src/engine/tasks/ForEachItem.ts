import type { StateType } from '../model/state';
import type { Execution } from '../model/execution';
import { resolveInputs } from '../inputs/resolveInputs';
import { normalizeLabels } from '../runtime/normalizeLabels';
import { runPool } from '../runtime/runPool';
import type { TaskDefinition } from './TaskDefinition';

/** How many subflow executions run at once (Kestra starts them all; the order of results is the same). */
const CONCURRENT = 8;

/**
 * io.kestra.plugin.core.flow.ForEachItem: splits the `items` file (a
 * kestra:// URI) into batches of `batch.rows` lines (default 1), stores each
 * batch as a file and starts the subflow `namespace`.`flowId` once per batch
 * with `inputs` rendered where `taskrun.items` is that batch's URI and
 * `taskrun.iteration` its index. Like Kestra (ForEachItem, ForEachItemCaseTest)
 * it shows three child task runs, `<id>_split`, `<id>_items` and `<id>_merge`;
 * outputs `numberOfBatches`, `iterations` (executions by final state) and,
 * merged, `subflowOutputs` (a file of the subflows' outputs, one JSON per line).
 * `batch.bytes` and `batch.partitions` split by size or into N parts.
 */
export const ForEachItem: TaskDefinition = {
  type: 'io.kestra.plugin.core.flow.ForEachItem',
  strictProperties: true,
  properties: {
    items: { kind: 'string', required: true },
    batch: { kind: 'map' },
    namespace: { kind: 'string', required: true },
    flowId: { kind: 'string', required: true },
    inputs: { kind: 'map' },
    labels: { kind: 'any' },
    wait: { kind: 'boolean' },
    transmitFailed: { kind: 'boolean' },
    inheritLabels: { kind: 'boolean' },
    revision: { kind: 'number', notRun: { en: 'this run knows one revision of each flow', 'zh-TW': '這裡每個流程只有一個版本' } },
    scheduleDate: { kind: 'string', notRun: { en: 'the subflow starts at once', 'zh-TW': '子流程會立刻開始' } },
    restartBehavior: { kind: 'string', notRun: { en: 'executions are not restarted here', 'zh-TW': '這裡不會重新啟動執行' } },
  },
  async run(ctx) {
    const namespace = ctx.render(String(ctx.task.namespace));
    const flowId = ctx.render(String(ctx.task.flowId));
    const flow = ctx.services.flows?.get(namespace, flowId);
    if (!flow) throw new Error(`Unable to find flow '${namespace}'.'${flowId}': the subflow must be one of the flows this run knows (command line: --flows <dir>; playground: the Flows list)`);
    const wait = flag(ctx.renderValue(ctx.task.wait), true);
    const transmitFailed = flag(ctx.renderValue(ctx.task.transmitFailed), true);

    const split = ctx.dynamicTaskRun(`${ctx.task.id}_split`, 'io.kestra.plugin.core.flow.ForEachItem$ForEachItemSplit');
    split.setState('RUNNING');
    const uri = ctx.render(String(ctx.task.items)).trim();
    const text = new TextDecoder().decode(await ctx.readFile(uri));
    const batches = splitBatches(text, (ctx.renderValue(ctx.task.batch ?? {}) ?? {}) as Record<string, unknown>);
    const uris: string[] = [];
    for (let i = 0; i < batches.length; i++) uris.push(await ctx.storeFile(`${i}.txt`, new TextEncoder().encode(batches[i])));
    split.setOutputs({ splits: uris.length });
    split.setState('SUCCESS');

    const items = ctx.dynamicTaskRun(`${ctx.task.id}_items`, 'io.kestra.plugin.core.flow.ForEachItem$ForEachItemExecutable');
    items.setState('RUNNING');
    const executions: (Execution | null)[] = uris.map(() => null);
    let inputError: string | null = null;
    const labels = normalizeLabels(ctx.task.labels ? ctx.renderValue(ctx.task.labels) : undefined);
    const starts: Promise<Execution>[] = [];
    await runPool(
      uris,
      wait ? CONCURRENT : 0,
      async (batchUri, iteration) => {
        const given = ctx.task.inputs ? (ctx.renderValueWith(ctx.task.inputs, { items: batchUri, iteration }) as Record<string, unknown>) : {};
        const resolved = await resolveInputs(flow, given);
        if (resolved.errors.length) {
          inputError = resolved.errors.map((e) => e.message).join('\n');
          return;
        }
        const run = ctx.runFlow(flow, { inputs: resolved.values, labels, signal: ctx.signal, services: ctx.services, trigger: { executionId: ctx.execution.id, namespace: ctx.execution.namespace, flowId: ctx.execution.flowId } });
        starts.push(run);
        if (wait) executions[iteration] = await run;
      },
      () => inputError !== null || ctx.signal.aborted,
    );
    if (inputError) {
      items.setState('FAILED');
      throw new Error(inputError);
    }
    const iterations: Record<string, number> = { CREATED: 0, RUNNING: 0, SUCCESS: 0, WARNING: 0, FAILED: 0, KILLED: 0 };
    if (!wait) {
      iterations.CREATED = uris.length;
      for (const s of starts) s.catch(() => undefined);
    }
    for (const e of executions) if (e) iterations[e.state.current] = (iterations[e.state.current] ?? 0) + 1;
    const outputs = { numberOfBatches: uris.length, iterations };
    items.setOutputs(outputs);
    const failed = executions.find((e) => e && (e.state.current === 'FAILED' || e.state.current === 'KILLED'));
    items.setState(failed && transmitFailed ? 'FAILED' : 'SUCCESS');
    if (failed && transmitFailed) throw new Error(`Subflow execution ${failed.id} of ${namespace}.${flowId} ended ${failed.state.current}`);

    const merge = ctx.dynamicTaskRun(`${ctx.task.id}_merge`, 'io.kestra.plugin.core.flow.ForEachItem$ForEachItemMergeOutputs');
    merge.setState('RUNNING');
    const merged = executions.map((e) => JSON.stringify(e?.outputs ?? {})).join('\n');
    const subflowOutputs = await ctx.storeFile('outputs.ion', new TextEncoder().encode(merged ? merged + '\n' : ''));
    merge.setOutputs({ subflowOutputs });
    merge.setState('SUCCESS');
    const state: StateType = executions.some((e) => e?.state.current === 'WARNING') ? 'WARNING' : 'SUCCESS';
    if (state === 'WARNING' && transmitFailed) ctx.setWarning();
    return { ...outputs, subflowOutputs };
  },
};

/** The batches of a file's lines: `rows` lines each, or `partitions` parts, or at most `bytes` bytes each. */
function splitBatches(text: string, batch: Record<string, unknown>): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (!lines.length) return [];
  const join = (part: string[]) => part.join('\n') + '\n';
  const out: string[] = [];
  if (batch.partitions !== undefined) {
    const n = Math.max(1, Number(batch.partitions) || 1);
    const size = Math.ceil(lines.length / n);
    for (let i = 0; i < lines.length; i += size) out.push(join(lines.slice(i, i + size)));
    return out;
  }
  if (batch.bytes !== undefined) {
    const max = parseBytes(String(batch.bytes));
    let part: string[] = [];
    let size = 0;
    for (const l of lines) {
      if (part.length && size + l.length + 1 > max) {
        out.push(join(part));
        part = [];
        size = 0;
      }
      part.push(l);
      size += l.length + 1;
    }
    if (part.length) out.push(join(part));
    return out;
  }
  const rows = Math.max(1, Number(batch.rows ?? 1) || 1);
  for (let i = 0; i < lines.length; i += rows) out.push(join(lines.slice(i, i + rows)));
  return out;
}

function parseBytes(s: string): number {
  const m = /^(\d+)\s*(B|KB|MB|GB)?$/i.exec(s.trim());
  if (!m) throw new Error(`ForEachItem: batch.bytes must look like 10MB, got \`${s}\``);
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(m[2] ?? 'B').toUpperCase() as 'B'];
  return Number(m[1]) * unit;
}

function flag(v: unknown, otherwise: boolean): boolean {
  if (v === undefined || v === null) return otherwise;
  return String(v).trim().toLowerCase() === 'true';
}
