/** Kestra's state names (io.kestra.core.models.flows.State.Type). */
export type StateType =
  | 'CREATED'
  | 'QUEUED'
  | 'RUNNING'
  | 'PAUSED'
  /** Restart or Replay put the execution and the task runs to run again in it (ExecutionService#restart/#replay). */
  | 'RESTARTED'
  | 'SUCCESS'
  | 'WARNING'
  | 'FAILED'
  | 'KILLING'
  | 'KILLED'
  | 'SKIPPED'
  | 'RETRYING'
  | 'RETRIED'
  | 'CANCELLED';

export interface StateHistory {
  state: StateType;
  date: string; // ISO-8601 instant
}

export interface State {
  current: StateType;
  histories: StateHistory[];
}

const TERMINATED: ReadonlySet<StateType> = new Set([
  'SUCCESS',
  'WARNING',
  'FAILED',
  'KILLED',
  'SKIPPED',
  'CANCELLED',
  'RETRIED',
]);

export function isTerminated(state: StateType): boolean {
  return TERMINATED.has(state);
}

/**
 * Kestra's Execution#guessFinalState: KILLED over FAILED over WARNING over
 * PAUSED over SUCCESS. SKIPPED counts as success.
 */
export function finalStateOf(states: StateType[]): StateType {
  if (states.includes('KILLED') || states.includes('KILLING')) return 'KILLED';
  if (states.includes('FAILED')) return 'FAILED';
  if (states.includes('WARNING')) return 'WARNING';
  if (states.includes('PAUSED')) return 'PAUSED';
  return 'SUCCESS';
}

export function withState(state: State | undefined, next: StateType, date: string): State {
  const histories = state ? [...state.histories, { state: next, date }] : [{ state: next, date }];
  return { current: next, histories };
}
