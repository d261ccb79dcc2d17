import type { Flow } from './Flow';
import type { FlowPath } from './FlowError';
import type { Target } from './createLocator';
import { KESTRA_VERSIONS, matchesType, MIGRATION_RULES, type MigrationRule, type RuleTarget } from './migrationRules';
import { isMapValue, type Problems } from './Problems';

/** One place in a flow a migration rule applies to. */
export interface MigrationHit {
  rule: MigrationRule;
  path: FlowPath;
  /** The property or type name the rule is about. */
  name: string;
  /** The word for what `name` is (errorMessages.ts WORDS). */
  what: 'property' | 'task-type' | 'trigger-type' | 'condition-type';
  /** Where to point: the key of a property, the value of a type. */
  target: Target;
}

type Kind = RuleTarget['on'];
type Place = Record<string, unknown>;

/**
 * Every place in the flow a rule of migrationRules.ts applies to: flow keys,
 * plugin defaults, tasks at any depth (any list of maps with an `id` and a
 * `type`, as flowable tasks nest them), retries, triggers and their
 * conditions, inputs and checks. Walks the flow once, without recursion
 * deeper than its task nesting.
 */
export function findMigrationHits(flow: Flow): MigrationHit[] {
  const hits: MigrationHit[] = [];
  const byKind = new Map<Kind, MigrationRule[]>();
  for (const rule of MIGRATION_RULES) byKind.set(rule.target.on, [...(byKind.get(rule.target.on) ?? []), rule]);
  const rulesOn = (kind: Kind) => byKind.get(kind) ?? [];

  const properties = (kind: Kind, place: Place, path: FlowPath, type?: string) => {
    for (const rule of rulesOn(kind)) {
      const t = rule.target as { property: string; types?: readonly string[] };
      if (!(t.property in place) || place[t.property] === undefined) continue;
      if (t.types && (type === undefined || !matchesType(type, t.types))) continue;
      hits.push({ rule, path: [...path, t.property], name: t.property, what: 'property', target: 'key' });
    }
  };
  const types = (kind: Kind, type: unknown, path: FlowPath, what: MigrationHit['what']) => {
    if (typeof type !== 'string') return;
    for (const rule of rulesOn(kind)) {
      const t = rule.target as { types: readonly string[]; pattern?: RegExp };
      if (matchesType(type, t.types) && (!t.pattern || t.pattern.test(type))) hits.push({ rule, path: [...path, 'type'], name: type, what, target: 'value' });
    }
  };
  const retry = (value: unknown, path: FlowPath) => {
    if (isMapValue(value)) properties('retry', value, path);
  };

  properties('flow', flow, []);
  retry(flow.retry, ['retry']);
  for (const key of ['pluginDefaults', 'taskDefaults'] as const) {
    const list = flow[key];
    if (Array.isArray(list)) list.forEach((d, i) => isMapValue(d) && properties('plugin-default', d, [key, i]));
  }
  if (Array.isArray(flow.inputs)) flow.inputs.forEach((input, i) => isMapValue(input) && properties('input', input, ['inputs', i]));
  if (Array.isArray(flow.checks)) flow.checks.forEach((check, i) => isMapValue(check) && properties('check', check, ['checks', i]));
  if (Array.isArray(flow.triggers)) {
    flow.triggers.forEach((trigger, i) => {
      if (!isMapValue(trigger)) return;
      const path: FlowPath = ['triggers', i];
      const type = typeof trigger.type === 'string' ? trigger.type : undefined;
      types('trigger-type', trigger.type, path, 'trigger-type');
      properties('trigger', trigger, path, type);
      for (const key of ['conditions', 'scheduleConditions']) {
        const list = trigger[key];
        if (Array.isArray(list)) list.forEach((c, j) => isMapValue(c) && types('condition-type', c.type, [...path, key, j], 'condition-type'));
      }
    });
  }

  // tasks: an explicit stack, so a deeply nested flowable costs no recursion
  const stack: { list: unknown[]; path: FlowPath }[] = [];
  for (const key of ['tasks', 'errors', 'finally', 'afterExecution'] as const) {
    const list = flow[key];
    if (Array.isArray(list)) stack.push({ list, path: [key] });
  }
  const seen = new Set<unknown>();
  while (stack.length) {
    const { list, path } = stack.pop()!;
    if (seen.has(list)) continue; // the same list reached twice through YAML aliases
    seen.add(list);
    list.forEach((task, i) => {
      if (!isTask(task)) return;
      const at: FlowPath = [...path, i];
      types('task-type', task.type, at, 'task-type');
      properties('task', task, at, task.type as string);
      retry(task.retry, [...at, 'retry']);
      for (const [key, value] of Object.entries(task)) {
        if (Array.isArray(value) && value.some(isTask)) stack.push({ list: value, path: [...at, key] });
        else if (isMapValue(value) && key !== 'retry' && key !== 'taskRunner') {
          for (const [k, v] of Object.entries(value)) if (Array.isArray(v) && v.some(isTask)) stack.push({ list: v, path: [...at, key, k] });
        }
      }
    });
  }
  return hits;
}

const isTask = (v: unknown): v is Place => isMapValue(v) && typeof v.id === 'string' && typeof v.type === 'string';

/** The message code and parameters of one hit (see errorMessages.ts `kestra-*`). */
export function migrationMessage(hit: MigrationHit): { code: string; params: Record<string, string | undefined> } {
  const { rule } = hit;
  const replacement = typeof rule.replacement === 'function' ? rule.replacement(hit.name) : rule.replacement;
  const base = { what: hit.what, name: hit.name, replacement, source: rule.source };
  if (rule.addedIn) return { code: 'kestra-too-new', params: { ...base, version: rule.addedIn, older: KESTRA_VERSIONS[0] } };
  if (rule.deprecatedIn) return { code: 'kestra-deprecated', params: { ...base, version: rule.deprecatedIn, removed: rule.removedIn } };
  if (rule.ignoredIn) return { code: 'kestra-ignored', params: { ...base, version: rule.ignoredIn, note: rule.note } };
  return { code: 'kestra-removed', params: { ...base, version: rule.removedIn } };
}

/**
 * Warns, on its line, about everything in the flow that another Kestra
 * version rejects, renames or ignores. Warnings never stop a run.
 */
export function checkKestraMigration(flow: Flow, problems: Problems): void {
  for (const hit of findMigrationHits(flow)) {
    const { code, params } = migrationMessage(hit);
    problems.warn(code, hit.path, params, hit.target);
  }
}
