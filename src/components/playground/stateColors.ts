import type { StateType } from '../../engine';

/** Kestra's UI colours per state (ui/src/utils/state.js). */
export const STATE_COLORS: Record<StateType, string> = {
  CREATED: '#1761FD',
  QUEUED: '#918BA9',
  RUNNING: '#8405FF',
  PAUSED: '#918BA9',
  RESTARTED: '#1761FD',
  SUCCESS: '#029E73',
  WARNING: '#DD5F00',
  FAILED: '#AB0009',
  KILLING: '#FCE07C',
  KILLED: '#FCE07C',
  SKIPPED: '#918BA9',
  RETRYING: '#918BA9',
  RETRIED: '#918BA9',
  CANCELLED: '#918BA9',
};
