import type { Execution } from '../model/execution';

/**
 * Whether Restart is offered for an execution: Kestra's UI enables it for a
 * FAILED execution (ui/.../executions/Restart.vue), and for a KILLED one
 * since Kestra #13559 / #13858 ("normalize restart behavior"). Kept apart
 * from restartExecution.ts so the page does not load the task registry.
 */
export function canRestart(execution: Pick<Execution, 'state'>): boolean {
  const s = execution.state.current;
  return s === 'FAILED' || s === 'KILLED';
}
