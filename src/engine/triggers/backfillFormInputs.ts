import type { Flow, InputSpec } from '../flow/Flow';
import type { KestraVersion } from '../KestraVersion';
import { scheduleTrigger } from './ScheduleTrigger';

export interface BackfillFormInputs {
  /** The values the form shows when it opens, by input id (inputs with nothing to show are absent). */
  values: Record<string, unknown>;
  /** Where each value comes from. */
  from: Record<string, 'flow-default' | 'trigger'>;
  /** Where Kestra implements or documents this behaviour. */
  source: string;
}

/** Where each version's behaviour comes from (kestra-io/kestra). */
export const BACKFILL_FORM_SOURCES: Record<KestraVersion, string> = {
  '0.20':
    'Kestra v0.20.7: ui/src/components/inputs/InputsForm.vue updateDefaults() fills the form with the flow inputs\' defaults; ' +
    'ui/src/components/flows/FlowTriggers.vue sends the form values as backfill.inputs (@update-inputs); ' +
    "core/…/plugin/core/trigger/Schedule.java generateInputs() puts backfill.inputs over the trigger's inputs (putAll), " +
    "so the defaults win over the trigger's inputs (reported as kestra-io/kestra#6458)",
  '1.1':
    "kestra-io/kestra PR #7913 (March 2025, closes #6458) opens the backfill form with the selected trigger's inputs; " +
    'PR #11943 (#10627) did the same for SELECT inputs; PRs #13186/#13235 fixed 1.1.4, which sent only the defaults (#13143). ' +
    "What the form sends still overrides the trigger's inputs (Schedule.generateInputs)",
};

/**
 * What the backfill form's inputs start with for one Schedule trigger, as the
 * chosen Kestra version's UI fills them. In 0.20 it is the flow's defaults,
 * and since the form's values override the trigger's `inputs`, backfilling
 * the course's `green_schedule` loads yellow unless the learner switches the
 * input; from PR #7913 on (1.1) the form starts from the trigger's inputs.
 * Null when the flow has no such trigger.
 */
export function backfillFormInputs(flow: Flow, triggerId: string, version: KestraVersion): BackfillFormInputs | null {
  const trigger = scheduleTrigger(flow, triggerId);
  if (!trigger) return null;
  const values: Record<string, unknown> = {};
  const from: BackfillFormInputs['from'] = {};
  for (const input of (Array.isArray(flow.inputs) ? flow.inputs : []) as InputSpec[]) {
    if (!input || typeof input.id !== 'string') continue;
    if (input.defaults !== undefined && input.defaults !== null) {
      values[input.id] = input.defaults;
      from[input.id] = 'flow-default';
    }
    if (version !== '0.20' && Object.prototype.hasOwnProperty.call(trigger.inputs, input.id)) {
      values[input.id] = trigger.inputs[input.id];
      from[input.id] = 'trigger';
    }
  }
  return { values, from, source: BACKFILL_FORM_SOURCES[version] };
}
