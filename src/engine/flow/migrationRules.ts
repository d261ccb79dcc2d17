/**
 * What a newer (or older) Kestra reads differently, one rule a row, each
 * with the migration guide or source it comes from. The versions that matter
 * to the course: 0.20 (0.20.7, the 2025 cohort), 1.1 (the 2026 cohort) and
 * 2.0 (`latest`). checkKestraMigration.ts applies the rules as warnings on
 * their line; kestraCompatibility.ts turns them into "accepted by…".
 *
 * A rule says what happened and when:
 * - `removedIn`: that version and later refuse the flow (it no longer parses);
 * - `deprecatedIn`: still accepted, with a replacement (and `removedIn` when known);
 * - `ignoredIn`: still accepted, but has no effect from that version on;
 * - `addedIn`: versions before it refuse the flow.
 */
export type KestraVersion = '0.20' | '1.1' | '2.0';

export const KESTRA_VERSIONS: readonly KestraVersion[] = ['0.20', '1.1', '2.0'];

/** Where a rule looks. `types` are matched as prefixes when they end with `.`, else exactly. */
export type RuleTarget =
  | { on: 'flow'; property: string }
  | { on: 'plugin-default'; property: string }
  | { on: 'task'; property: string; types?: readonly string[] }
  | { on: 'task-type'; types: readonly string[] }
  | { on: 'retry'; property: string }
  | { on: 'trigger'; property: string; types?: readonly string[] }
  | { on: 'trigger-type'; types: readonly string[] }
  | { on: 'condition-type'; types: readonly string[]; pattern?: RegExp }
  | { on: 'input'; property: string }
  | { on: 'check'; property: string };

export interface MigrationRule {
  id: string;
  target: RuleTarget;
  removedIn?: string;
  deprecatedIn?: string;
  ignoredIn?: string;
  addedIn?: string;
  /** What to write instead (a name, in backquotes); computed for renamed types. */
  replacement?: string | ((name: string) => string | undefined);
  /** A word of errorMessages.ts's WORDS that says what changed. */
  note?: string;
  /** The migration guide (or source) the rule comes from. */
  source: string;
}

const GUIDE = 'https://kestra.io/docs/migration-guide';
/** The guides of versions before 1.0, as the 1.3 docs keep them. */
const OLD_GUIDE = 'https://kestra.io/docs/1.3/migration-guide';
const SOURCE_0_20 = 'https://github.com/kestra-io/kestra/blob/v0.20.7';

/** Kestra's core task aliases from before 0.17 (`io.kestra.core.tasks.log.Log`) and the names that replace them. */
const CORE_TASK_RENAMES: Record<string, string> = {
  'io.kestra.core.tasks.debugs.Echo': 'io.kestra.plugin.core.debug.Echo',
  'io.kestra.core.tasks.debugs.Return': 'io.kestra.plugin.core.debug.Return',
  'io.kestra.core.tasks.executions.Counts': 'io.kestra.plugin.core.execution.Count',
  'io.kestra.core.tasks.executions.Fail': 'io.kestra.plugin.core.execution.Fail',
  'io.kestra.core.tasks.executions.Labels': 'io.kestra.plugin.core.execution.Labels',
  'io.kestra.core.tasks.flows.AllowFailure': 'io.kestra.plugin.core.flow.AllowFailure',
  'io.kestra.core.tasks.flows.Dag': 'io.kestra.plugin.core.flow.Dag',
  'io.kestra.core.tasks.flows.EachParallel': 'io.kestra.plugin.core.flow.EachParallel',
  'io.kestra.core.tasks.flows.EachSequential': 'io.kestra.plugin.core.flow.EachSequential',
  'io.kestra.core.tasks.flows.Flow': 'io.kestra.plugin.core.flow.Subflow',
  'io.kestra.core.tasks.flows.ForEachItem': 'io.kestra.plugin.core.flow.ForEachItem',
  'io.kestra.core.tasks.flows.If': 'io.kestra.plugin.core.flow.If',
  'io.kestra.core.tasks.flows.Parallel': 'io.kestra.plugin.core.flow.Parallel',
  'io.kestra.core.tasks.flows.Pause': 'io.kestra.plugin.core.flow.Pause',
  'io.kestra.core.tasks.flows.Sequential': 'io.kestra.plugin.core.flow.Sequential',
  'io.kestra.core.tasks.flows.Subflow': 'io.kestra.plugin.core.flow.Subflow',
  'io.kestra.core.tasks.flows.Switch': 'io.kestra.plugin.core.flow.Switch',
  'io.kestra.core.tasks.flows.Template': 'io.kestra.plugin.core.flow.Template',
  'io.kestra.core.tasks.flows.Worker': 'io.kestra.plugin.core.flow.WorkingDirectory',
  'io.kestra.core.tasks.flows.WorkingDirectory': 'io.kestra.plugin.core.flow.WorkingDirectory',
  'io.kestra.core.tasks.log.Fetch': 'io.kestra.plugin.core.log.Fetch',
  'io.kestra.core.tasks.log.Log': 'io.kestra.plugin.core.log.Log',
  'io.kestra.core.tasks.storages.Concat': 'io.kestra.plugin.core.storage.Concat',
  'io.kestra.core.tasks.storages.DeduplicateItems': 'io.kestra.plugin.core.storage.DeduplicateItems',
  'io.kestra.core.tasks.storages.Delete': 'io.kestra.plugin.core.storage.Delete',
  'io.kestra.core.tasks.storages.FilterItems': 'io.kestra.plugin.core.storage.FilterItems',
  'io.kestra.core.tasks.storages.LocalFiles': 'io.kestra.plugin.core.storage.LocalFiles',
  'io.kestra.core.tasks.storages.Purge': 'io.kestra.plugin.core.execution.PurgeExecutions',
  'io.kestra.core.tasks.storages.PurgeExecution': 'io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles',
  'io.kestra.core.tasks.storages.Reverse': 'io.kestra.plugin.core.storage.Reverse',
  'io.kestra.core.tasks.storages.Size': 'io.kestra.plugin.core.storage.Size',
  'io.kestra.core.tasks.storages.Split': 'io.kestra.plugin.core.storage.Split',
  'io.kestra.core.tasks.templating.TemplatedTask': 'io.kestra.plugin.core.templating.TemplatedTask',
  'io.kestra.core.tasks.states.Delete': 'io.kestra.plugin.core.state.Delete',
  'io.kestra.core.tasks.states.Get': 'io.kestra.plugin.core.state.Get',
  'io.kestra.core.tasks.states.Set': 'io.kestra.plugin.core.state.Set',
};

const TRIGGER_RENAMES: Record<string, string> = {
  'io.kestra.core.models.triggers.types.Schedule': 'io.kestra.plugin.core.trigger.Schedule',
  'io.kestra.core.models.triggers.types.Flow': 'io.kestra.plugin.core.trigger.Flow',
  'io.kestra.core.models.triggers.types.Webhook': 'io.kestra.plugin.core.trigger.Webhook',
};

const code = (name: string | undefined) => (name ? `\`${name}\`` : undefined);

/** Script tasks (plugin-scripts and the tasks built on it, such as dbt). */
const SCRIPT_TASKS = ['io.kestra.plugin.scripts.', 'io.kestra.plugin.dbt.', 'io.kestra.core.tasks.scripts.'];

export const MIGRATION_RULES: readonly MigrationRule[] = [
  // ── Kestra 2.0 ──────────────────────────────────────────────────────────
  {
    // "pluginDefaults is removed entirely in 2.0.0"; flows containing it no longer parse
    id: 'plugin-defaults-removed',
    target: { on: 'flow', property: 'pluginDefaults' },
    removedIn: '2.0',
    source: `${GUIDE}/v2.0.0/plugin-defaults-removed`,
  },
  {
    // "Flows that include forced: true inside a pluginDefaults block fail to parse after upgrading to 2.0.0"
    // (2.0.0-rc1: `Unrecognized field "forced" (class io.kestra.core.models.flows.FlowPluginDefault)`, kestra-io/blueprints#246)
    id: 'plugin-defaults-forced-removed',
    target: { on: 'plugin-default', property: 'forced' },
    removedIn: '2.0',
    source: `${GUIDE}/v2.0.0/plugin-defaults-forced-removed`,
  },
  {
    // "taskDefaults are now pluginDefaults" (0.17, an alias; @Deprecated in 0.20.7's Flow.java), gone with pluginDefaults in 2.0
    id: 'task-defaults-renamed',
    target: { on: 'flow', property: 'taskDefaults' },
    deprecatedIn: '0.17',
    removedIn: '2.0',
    replacement: '`pluginDefaults`',
    source: `${OLD_GUIDE}/v0.17.0/renamed-plugins`,
  },
  {
    // "ForEach and ForEachItem are removed in Kestra 2.0. The Loop task replaces both."
    id: 'foreach-removed',
    target: { on: 'task-type', types: ['io.kestra.plugin.core.flow.ForEach', 'io.kestra.plugin.core.flow.ForEachItem', 'io.kestra.core.tasks.flows.ForEachItem'] },
    removedIn: '2.0',
    replacement: '`io.kestra.plugin.core.flow.Loop`',
    source: `${GUIDE}/v2.0.0/foreach-loop`,
  },
  {
    // "All trigger types … the conditions list is removed in favor of a top-level when Pebble expression"
    id: 'trigger-conditions-removed',
    target: { on: 'trigger', property: 'conditions' },
    removedIn: '2.0',
    replacement: '`when`',
    source: `${GUIDE}/v2.0.0/trigger-conditions-redesign`,
  },
  {
    // "Flow triggers — both conditions and preconditions are removed in favor of dependsOn … and window"
    id: 'trigger-preconditions-removed',
    target: { on: 'trigger', property: 'preconditions' },
    removedIn: '2.0',
    replacement: '`dependsOn` and `window`',
    source: `${GUIDE}/v2.0.0/trigger-conditions-redesign`,
  },
  {
    // "The condition property on flow-level checks is renamed to when. A deprecated alias keeps condition functional in 2.0.0"
    id: 'check-condition-renamed',
    target: { on: 'check', property: 'condition' },
    deprecatedIn: '2.0',
    replacement: '`when`',
    source: `${GUIDE}/v2.0.0/checks-condition-renamed-when`,
  },
  {
    // the pre-0.17 core task names: aliases since 0.17 ("Renamed Plugins"), removed for 2.0 by
    // kestra-io/kestra#15370 "remove core task aliases"
    id: 'core-task-aliases',
    target: { on: 'task-type', types: ['io.kestra.core.tasks.'] },
    deprecatedIn: '0.17',
    removedIn: '2.0',
    replacement: (name) => code(CORE_TASK_RENAMES[name]),
    source: `${OLD_GUIDE}/v0.17.0/renamed-plugins`,
  },
  {
    // the pre-0.17 trigger names: on 2.0 `io.kestra.core.models.triggers.types.Schedule` answers
    // 422 "Could not resolve type id" where 1.0 accepted it (measured in stefanko-ch/Nexus-Stack#839)
    id: 'core-trigger-aliases',
    target: { on: 'trigger-type', types: Object.keys(TRIGGER_RENAMES) },
    deprecatedIn: '0.17',
    removedIn: '2.0',
    replacement: (name) => code(TRIGGER_RENAMES[name]),
    source: `${OLD_GUIDE}/v0.17.0/renamed-plugins`,
  },

  {
    // "io.kestra.plugin.fs.http.* → io.kestra.plugin.core.http.*" (0.17, aliases)
    id: 'fs-http-renamed',
    target: { on: 'task-type', types: ['io.kestra.plugin.fs.http.'] },
    deprecatedIn: '0.17',
    replacement: (name) => code(name.replace('io.kestra.plugin.fs.http.', 'io.kestra.plugin.core.http.')),
    source: `${OLD_GUIDE}/v0.17.0/renamed-plugins`,
  },
  {
    // "io.kestra.core.models.conditions.types.* → io.kestra.plugin.core.condition.*" (0.17); conditions go in 2.0
    id: 'core-condition-aliases',
    target: { on: 'condition-type', types: ['io.kestra.core.models.conditions.types.'] },
    deprecatedIn: '0.17',
    replacement: (name) => code(name.replace('io.kestra.core.models.conditions.types.', 'io.kestra.plugin.core.condition.').replace(/Condition$/, '')),
    source: `${OLD_GUIDE}/v0.17.0/renamed-plugins`,
  },

  // ── Kestra 0.23 and 0.24 (between the two cohorts) ──────────────────────
  {
    // "For retries, the maxAttempt property has been renamed with an alias to maxAttempts … a non-breaking change"
    id: 'retry-max-attempt-renamed',
    target: { on: 'retry', property: 'maxAttempt' },
    deprecatedIn: '0.24',
    replacement: '`maxAttempts`',
    source: `${GUIDE}/v0.24.0/retries-maxattempts`,
  },
  {
    // the new name does not exist before 0.24: Kestra 0.20's Constant/Exponential/Random retries only know maxAttempt
    id: 'retry-max-attempts-new',
    target: { on: 'retry', property: 'maxAttempts' },
    addedIn: '0.24',
    replacement: '`maxAttempt`',
    source: `${GUIDE}/v0.24.0/retries-maxattempts`,
  },
  {
    // 0.23: stderr output no longer turns a script task WARNING (kestra-io/plugin-scripts#233, "[BC] Remove warning
    // on stderr"); the property stays, deprecated and unused (plugin-scripts 9220b01)
    id: 'script-warning-on-stderr',
    target: { on: 'task', property: 'warningOnStdErr', types: SCRIPT_TASKS },
    ignoredIn: '0.23',
    note: 'stderr-no-warning',
    source: `${OLD_GUIDE}/v0.23.0/script-warnings`,
  },

  // ── Deprecated, still accepted by the versions above ───────────────────
  {
    // "All conditions have been renamed without the Condition at the end. Aliases are in place"
    id: 'condition-renamed',
    // (FlowCondition, FlowNamespaceCondition and MultipleCondition were already deprecated and keep their names)
    target: { on: 'condition-type', types: ['io.kestra.plugin.core.condition.'], pattern: /(?<!\.(?:Flow|FlowNamespace|Multiple))Condition$/ },
    deprecatedIn: '0.20',
    replacement: (name) => code(name.slice(0, -'Condition'.length)),
    source: `${OLD_GUIDE}/v0.20.0/conditions-renamed`,
  },
  {
    // "The scheduleConditions property of Schedule trigger is deprecated. Instead, use conditions"
    id: 'schedule-conditions-renamed',
    target: { on: 'trigger', property: 'scheduleConditions' },
    deprecatedIn: '0.15',
    removedIn: '2.0',
    replacement: '`conditions` (`when` from 2.0)',
    source: `${OLD_GUIDE}/v0.15.0`,
  },
  {
    // EachSequential and EachParallel: "Deprecate for removal … because we now have ForEach" (kestra-io/kestra#4800),
    // @Deprecated in 0.20.7
    id: 'each-deprecated',
    target: { on: 'task-type', types: ['io.kestra.plugin.core.flow.EachSequential', 'io.kestra.plugin.core.flow.EachParallel'] },
    deprecatedIn: '0.19',
    replacement: '`io.kestra.plugin.core.flow.ForEach` (`Loop` from 2.0)',
    source: 'https://github.com/kestra-io/kestra/issues/4800',
  },
  {
    // Echo is @Deprecated in 0.20.7 (and already in 2023: kestra-io/terraform-provider-kestra#89 "Replace the deprecated Echo task with the Log task")
    id: 'echo-deprecated',
    target: { on: 'task-type', types: ['io.kestra.plugin.core.debug.Echo'] },
    deprecatedIn: '0.20',
    replacement: '`io.kestra.plugin.core.log.Log`',
    source: `${SOURCE_0_20}/core/src/main/java/io/kestra/plugin/core/debug/Echo.java`,
  },
  {
    // "Since 0.11.0, Templates are deprecated and disabled by default. Please use subflows instead."
    id: 'template-deprecated',
    target: { on: 'task-type', types: ['io.kestra.plugin.core.flow.Template'] },
    deprecatedIn: '0.11',
    replacement: '`io.kestra.plugin.core.flow.Subflow`',
    source: `${OLD_GUIDE}/v0.11.0`,
  },
  {
    // "LocalFiles … replaced by inputFiles property available in all script tasks and in the WorkingDirectory task"
    id: 'local-files-deprecated',
    target: { on: 'task-type', types: ['io.kestra.plugin.core.storage.LocalFiles'] },
    deprecatedIn: '0.17',
    replacement: '`inputFiles` and `outputFiles`',
    source: `${OLD_GUIDE}/v0.17.0`,
  },
  {
    // "The runner property in script tasks will be deprecated in Kestra 0.18.0. Use the taskRunner property instead."
    id: 'script-runner-deprecated',
    target: { on: 'task', property: 'runner', types: SCRIPT_TASKS },
    deprecatedIn: '0.18',
    replacement: '`taskRunner`',
    source: `${OLD_GUIDE}/v0.18.0`,
  },
  {
    // same guide: the `docker` options move to the Docker task runner
    id: 'script-docker-deprecated',
    target: { on: 'task', property: 'docker', types: SCRIPT_TASKS },
    deprecatedIn: '0.18',
    replacement: '`taskRunner` of type `io.kestra.plugin.scripts.runner.docker.Docker` and `containerImage`',
    source: `${OLD_GUIDE}/v0.18.0`,
  },
  {
    // "The name property of inputs are deprecated in favor of id"
    id: 'input-name-renamed',
    target: { on: 'input', property: 'name' },
    deprecatedIn: '0.15',
    replacement: '`id`',
    source: `${OLD_GUIDE}/v0.15.0`,
  },
  {
    // "The outputs property of a parent flow's Subflow task is deprecated. Instead, use flow outputs"
    id: 'subflow-outputs-deprecated',
    target: { on: 'task', property: 'outputs', types: ['io.kestra.plugin.core.flow.Subflow', 'io.kestra.core.tasks.flows.Subflow', 'io.kestra.core.tasks.flows.Flow'] },
    deprecatedIn: '0.15',
    replacement: 'the subflow\'s own `outputs`',
    source: `${OLD_GUIDE}/v0.15.0`,
  },
  {
    // "Listeners are deprecated and disabled by default starting from the 0.12.0 release. Please use Flow triggers instead."
    id: 'listeners-deprecated',
    target: { on: 'flow', property: 'listeners' },
    deprecatedIn: '0.12',
    replacement: 'a flow trigger (`io.kestra.plugin.core.trigger.Flow`)',
    source: `${OLD_GUIDE}/v0.12.0`,
  },
  {
    // Pause `tasks` is @Deprecated in 0.20.7 (plugin/core/flow/Pause.java): put the tasks after the Pause
    id: 'pause-tasks-deprecated',
    target: { on: 'task', property: 'tasks', types: ['io.kestra.plugin.core.flow.Pause', 'io.kestra.core.tasks.flows.Pause'] },
    deprecatedIn: '0.20',
    replacement: 'tasks after the `Pause` task',
    source: `${SOURCE_0_20}/core/src/main/java/io/kestra/plugin/core/flow/Pause.java`,
  },
  {
    // Schedule `backfill` is @Deprecated in 0.20.7 (plugin/core/trigger/Schedule.java): backfills are started from the UI or API
    id: 'schedule-backfill-deprecated',
    target: { on: 'trigger', property: 'backfill', types: ['io.kestra.plugin.core.trigger.Schedule', 'io.kestra.core.models.triggers.types.Schedule'] },
    deprecatedIn: '0.20',
    replacement: 'a backfill started from the Triggers tab',
    source: `${SOURCE_0_20}/core/src/main/java/io/kestra/plugin/core/trigger/Schedule.java`,
  },
];

/** Whether `name` matches one of `types` (a type ending with `.` is a package prefix). */
export function matchesType(name: string, types: readonly string[]): boolean {
  return types.some((t) => (t.endsWith('.') ? name.startsWith(t) : name === t));
}

/** -1, 0 or 1 as version a is before, the same as, or after version b (`0.24` < `1.1` < `2.0`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

/** Whether a Kestra version refuses a flow that the rule applies to. */
export function rejects(rule: MigrationRule, version: KestraVersion): boolean {
  return (rule.removedIn !== undefined && compareVersions(version, rule.removedIn) >= 0) || (rule.addedIn !== undefined && compareVersions(version, rule.addedIn) < 0);
}
