import type { Execution } from '../src/engine';

/** The load steps the benchmark times, by task id suffix. */
export const STEPS = ['copy_in_to_staging_table', 'add_unique_id_and_filename', 'merge_data'] as const;
export type Step = (typeof STEPS)[number];

/** Milliseconds each load step spent RUNNING, plus the whole execution, from the state histories. */
export function stepTimes(exec: Execution, taxi: string): Record<Step | 'flow', number> {
  const span = (h: { state: string; date: string }[]) => {
    const start = h.find((x) => x.state === 'RUNNING')?.date ?? h[0].date;
    return Date.parse(h[h.length - 1].date) - Date.parse(start);
  };
  const out = { flow: span(exec.state.histories) } as Record<Step | 'flow', number>;
  for (const s of STEPS) {
    const run = exec.taskRunList.find((t) => t.taskId === `${taxi}_${s}`);
    if (!run || run.state.current !== 'SUCCESS') throw new Error(`step ${taxi}_${s} did not succeed (execution ${exec.state.current})`);
    out[s] = span(run.state.histories);
  }
  return out;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
