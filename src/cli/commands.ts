import { parseFlow, runExecution, type EngineEvent, type Execution } from '../engine';
import { createNodeServices } from './createNodeServices';
import { readFile } from 'node:fs/promises';
import { resolveInputs } from '../engine/inputs/resolveInputs';
import { inputFileStore } from '../engine/inputs/inputFileStore';
import { MemoryStorage } from '../engine/storage/MemoryStorage';
import { randomId } from '../engine/runtime/ids';
import type { CliArgs } from './parseArgs';
import { loadFlowsDir } from './loadFlowsDir';
import { NODE_EXECUTION_LIMITS } from '../engine/runtime/ExecutionLimits';

export function printErrors(file: string, errors: { line: number; column: number; message: string; path: string; severity?: 'warning' }[]): void {
  for (const e of errors) {
    process.stderr.write(`${file}:${e.line}:${e.column}: ${e.severity === 'warning' ? 'warning: ' : ''}${e.message}${e.path ? ` (at ${e.path})` : ''}\n`);
  }
}

export function validateFlowCommand(file: string, source: string): number {
  const parsed = parseFlow(source);
  printErrors(file, [...parsed.errors, ...parsed.warnings].sort((a, b) => a.line - b.line || a.column - b.column));
  if (parsed.errors.length) return 2;
  process.stdout.write(`${file}: valid flow ${parsed.flow!.namespace}.${parsed.flow!.id}\n`);
  return 0;
}

/** The execution as the command line prints it with --json. */
export function executionJson(exec: Execution) {
  return {
    id: exec.id,
    namespace: exec.namespace,
    flowId: exec.flowId,
    state: exec.state,
    labels: exec.labels,
    inputs: exec.inputs,
    taskRunList: exec.taskRunList.map((t) => ({
      id: t.id,
      taskId: t.taskId,
      parentTaskRunId: t.parentTaskRunId,
      value: t.value,
      state: t.state,
      attempts: t.attempts,
      outputs: t.outputs ?? {},
    })),
    logs: exec.logs.map((l) => ({ timestamp: l.timestamp, level: l.level, taskId: l.taskId, message: l.message })),
    outputs: exec.outputs ?? {},
    ...(exec.state.current === 'PAUSED' ? { resume: resumeHint(exec) } : {}),
  };
}

/** Exit code of `flow run` for an execution left PAUSED (nothing here can resume it). */
export const EXIT_PAUSED = 3;

/** The paused task runs of a PAUSED execution and how to go on. */
export function resumeHint(exec: Execution) {
  const paused = exec.taskRunList.filter((t) => t.state.current === 'PAUSED').map((t) => ({ taskRunId: t.id, taskId: t.taskId }));
  return {
    paused,
    hint: 'The command line cannot resume a paused execution: run the flow in the playground (Resume button) or on a Kestra server, or give the Pause a pauseDuration.',
  };
}

/** Where a kill comes from when the flow runs in the engine thread (runFlowInThread); else Ctrl-C on this process. */
export interface KillSource {
  signal?: AbortSignal;
  interrupt?: () => boolean;
}

export async function runFlowCommand(file: string, source: string, args: CliArgs, kill: KillSource = {}): Promise<number> {
  const parsed = parseFlow(source);
  if (parsed.errors.length || !parsed.flow) {
    printErrors(file, parsed.errors);
    return 2;
  }
  if (!args.json) printErrors(file, parsed.warnings);
  // FILE inputs: the path given on the command line is stored in this execution's internal storage
  const executionId = randomId();
  const storage = new MemoryStorage();
  const resolved = await resolveInputs(parsed.flow, args.inputs, {
    storeFile: inputFileStore(storage, parsed.flow, executionId),
    readLocalFile: async (path) => new Uint8Array(await readFile(path)),
  });
  if (resolved.errors.length) {
    for (const e of resolved.errors) process.stderr.write(`${file}: ${e.message}\n`);
    return 2;
  }
  const controller = new AbortController();
  if (kill.signal) kill.signal.addEventListener('abort', () => controller.abort(), { once: true });
  else process.once('SIGINT', () => controller.abort());
  const emit = (e: EngineEvent) => {
    if (args.json) return;
    if (e.type === 'log') {
      process.stdout.write(`${e.at} ${e.level.padEnd(5)} ${e.taskId ?? '-'} ${e.message}\n`);
    }
  };
  const node = await createNodeServices({ db: args.db, dataset: args.dataset ?? 'sample', gitRepos: (args.options['git-repo'] as string[] | undefined) ?? [], offline: args.options.offline === true, kestraVersion: args.kestraVersion });
  const flows = await loadFlowsDir(typeof args.options.flows === 'string' ? args.options.flows : undefined, parsed.flow);
  const exec = await runExecution(parsed.flow, { inputs: resolved.values, emit, signal: controller.signal, interrupt: kill.interrupt, executionId, services: { storage, secrets: args.secrets, flows, limits: NODE_EXECUTION_LIMITS, ...node.services } }).finally(() => node.close());
  if (args.json) {
    process.stdout.write(JSON.stringify(executionJson(exec), null, 2) + '\n');
  } else {
    const start = Date.parse(exec.state.histories[0].date);
    const end = Date.parse(exec.state.histories[exec.state.histories.length - 1].date);
    process.stdout.write(`Execution ${exec.id} ${exec.state.current} in ${end - start} ms (${exec.taskRunList.length} task runs)\n`);
    if (exec.outputs && Object.keys(exec.outputs).length) process.stdout.write(`Outputs: ${JSON.stringify(exec.outputs)}\n`);
    if (exec.state.current === 'PAUSED') {
      const r = resumeHint(exec);
      process.stdout.write(`Paused at ${r.paused.map((p) => `\`${p.taskId}\``).join(', ')}. ${r.hint}\n`);
    }
  }
  if (exec.state.current === 'PAUSED') return EXIT_PAUSED;
  return exec.state.current === 'SUCCESS' || exec.state.current === 'WARNING' ? 0 : 1;
}
