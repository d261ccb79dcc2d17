import type { StateType } from '../../../engine';
import type { Translator } from '../i18n';
import { STATE_COLORS } from '../stateColors';

/** A state as a coloured badge that always spells the state out. */
export function StateBadge({ state, tr }: { state: StateType; tr: Translator }) {
  return (
    <span className="pg-badge" data-state={state} style={{ borderColor: STATE_COLORS[state] }}>
      <span className="pg-badge-dot" aria-hidden="true" style={{ background: STATE_COLORS[state] }} />
      {tr.state(state)}
    </span>
  );
}
