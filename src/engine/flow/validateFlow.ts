import type { Flow } from './Flow';
import type { FlowError } from './FlowError';
import type { Locate } from './createLocator';
import { checkKestraMigration } from './checkKestraMigration';
import { checkTemplates, engineTemplateCheck, type TemplateCheck } from './checkTemplates';
import { FLOW_ID_PATTERN, ID_MAX_LENGTH, NAMESPACE_PATTERN } from './idPatterns';
import { isMapValue, show, Problems } from './Problems';
import { validateConcurrency, validateLabels, validatePluginDefaults } from './validateFlowSettings';
import { validateInputs } from './validateInputs';
import { validateRetry } from './validateRetry';
import { validateTasks } from './validateTasks';
import { validateTriggers } from './validateTriggers';

export { ID_PATTERN, NAMESPACE_PATTERN } from './idPatterns';

/** Every top-level key a Kestra flow accepts (Flow.java, AbstractFlow.java). */
export const FLOW_PROPERTIES = [
  'id', 'namespace', 'revision', 'description', 'labels', 'inputs', 'outputs', 'variables', 'tasks', 'errors', 'finally',
  'afterExecution', 'listeners', 'triggers', 'pluginDefaults', 'taskDefaults', 'concurrency', 'retry', 'sla', 'disabled',
  'deleted', 'workerSelector', 'checks', 'tenantId', 'updated',
] as const;

export interface ValidateOptions {
  /**
   * Checks expressions (unknown filters or functions, syntax); see
   * checkTemplates.ts. Defaults to the engine's own check; null turns it off.
   */
  checkTemplate?: TemplateCheck | null;
}

/**
 * Checks a parsed flow against Kestra's rules; returns every problem found,
 * located, without its English message yet (parseFlow writes the messages of
 * the problems it reports, see withMessage in Problems.ts).
 */
export function validateFlow(flow: Flow, locate: Locate, options: ValidateOptions = {}): FlowError[] {
  const problems = new Problems(locate);

  for (const key of Object.keys(flow)) {
    if (!(FLOW_PROPERTIES as readonly string[]).includes(key)) {
      problems.add('unknown-property', [key], { property: key, owner: 'flow', suggestion: problems.suggest(key, FLOW_PROPERTIES) }, 'key');
    }
  }
  checkFlowIds(flow, problems);

  if (flow.tasks === undefined || flow.tasks === null) problems.add('required', [], { property: 'tasks', owner: 'flow' }, 'map');
  else if (Array.isArray(flow.tasks) && flow.tasks.length === 0) problems.add('empty-list', ['tasks'], { property: 'tasks', what: 'task' });
  if (flow.description !== undefined && flow.description !== null && typeof flow.description === 'object') {
    problems.add('type', ['description'], { property: 'description', expected: 'string' });
  }
  if (flow.variables !== undefined && flow.variables !== null && !isMapValue(flow.variables)) {
    problems.add('type', ['variables'], { property: 'variables', expected: 'map', value: show(flow.variables) });
  }
  if (flow.disabled !== undefined && typeof flow.disabled !== 'boolean') {
    problems.add('type', ['disabled'], { property: 'disabled', expected: 'boolean', value: show(flow.disabled) });
  }

  validateLabels(flow.labels, problems);
  validateInputs(flow.inputs, problems);
  validatePluginDefaults(flow.pluginDefaults, 'pluginDefaults', problems);
  validatePluginDefaults(flow.taskDefaults, 'taskDefaults', problems);
  const pluginDefaults = [
    ...(Array.isArray(flow.pluginDefaults) ? flow.pluginDefaults : []),
    ...(Array.isArray(flow.taskDefaults) ? (flow.taskDefaults as Flow['pluginDefaults'] & unknown[]) : []),
  ];
  validateTasks(
    [
      { list: flow.tasks, path: ['tasks'] },
      { list: flow.errors, path: ['errors'] },
      { list: flow.finally, path: ['finally'] },
      { list: flow.afterExecution, path: ['afterExecution'] },
    ],
    pluginDefaults,
    problems,
  );
  validateConcurrency(flow.concurrency, problems);
  validateTriggers(flow.triggers, problems);
  if (flow.retry !== undefined && flow.retry !== null) validateRetry(flow.retry, ['retry'], problems);

  // what Kestra 0.20, 1.1 and 2.0 read differently (migrationRules.ts): warnings on the line
  checkKestraMigration(flow, problems);

  // ── Expression checks plug in here (unknown filters/functions, syntax). ──
  const check = options.checkTemplate === undefined ? engineTemplateCheck : options.checkTemplate;
  if (check) checkTemplates(flow, [], check, problems);

  return problems.errors;
}

function checkFlowIds(flow: Flow, problems: Problems): void {
  const { id, namespace } = flow;
  if (id === undefined || id === null || id === '') problems.add('required', [], { property: 'id', owner: 'flow' }, 'map');
  else if (typeof id !== 'string' || !FLOW_ID_PATTERN.test(id)) problems.add('id-pattern', ['id'], { what: 'Flow', id: show(id), allowed: '`.`, `_`, `-`' });
  else if (id.length > ID_MAX_LENGTH.flow) problems.add('too-long', ['id'], { property: 'id', max: ID_MAX_LENGTH.flow, length: id.length });
  if (namespace === undefined || namespace === null || namespace === '') problems.add('required', [], { property: 'namespace', owner: 'flow' }, 'map');
  else if (typeof namespace !== 'string' || !NAMESPACE_PATTERN.test(namespace)) problems.add('namespace-pattern', ['namespace'], { namespace: show(namespace) });
  else if (namespace.length > ID_MAX_LENGTH.namespace) problems.add('too-long', ['namespace'], { property: 'namespace', max: ID_MAX_LENGTH.namespace, length: namespace.length });
}
