import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parseFlow, runExecution, fakeClock, sequentialIds, type EngineEvent, type Execution, type RunOptions } from '../../src/engine';
import type { Flow } from '../../src/engine/flow/Flow';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/flows');

/** Parses a fixture flow (tests/fixtures/flows/<name>.yaml); fails loudly when it does not validate. */
export function fixtureFlow(name: string): Flow {
  return flowFromSource(readFileSync(resolve(FIXTURES, `${name}.yaml`), 'utf8'));
}

export function flowFromSource(source: string): Flow {
  const parsed = parseFlow(source);
  if (parsed.errors.length || !parsed.flow) {
    throw new Error('flow does not validate: ' + parsed.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; '));
  }
  return parsed.flow;
}

/** Runs a flow with a virtual clock and sequential ids; inputs are passed as given. */
export async function run(flow: Flow, options: RunOptions = {}): Promise<{ execution: Execution; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  const execution = await runExecution(flow, {
    ...options,
    services: { clock: fakeClock(), newId: sequentialIds('r'), ...options.services },
    emit: (e) => {
      events.push(e);
      options.emit?.(e);
    },
  });
  return { execution, events };
}

export const runFixture = (name: string, options: RunOptions = {}) => run(fixtureFlow(name), options);

/** taskId (or taskId[value]) → final state. */
export function states(execution: Execution): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of execution.taskRunList) out[t.value === null ? t.taskId : `${t.taskId}[${t.value}]`] = t.state.current;
  return out;
}

/** The state names a state went through. */
export const history = (s: { histories: { state: string }[] }) => s.histories.map((h) => h.state);

export function taskRun(execution: Execution, taskId: string, value: string | null = null) {
  const r = execution.taskRunList.find((t) => t.taskId === taskId && (value === null || t.value === value));
  if (!r) throw new Error(`no task run for ${taskId}${value === null ? '' : `[${value}]`}`);
  return r;
}

export const messages = (execution: Execution, taskId?: string) =>
  execution.logs.filter((l) => taskId === undefined || l.taskId === taskId).map((l) => l.message);
