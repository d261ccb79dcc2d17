import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlow } from '../../src/engine/flow/parseFlow';
import { kestraCompatibility } from '../../src/engine/flow/kestraCompatibility';
import { formatFlowError } from '../../src/engine/flow/errorMessages';
import { MIGRATION_RULES } from '../../src/engine/flow/migrationRules';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

type Expected = [code: string, line: number, column: number, path: string];

/**
 * One fixture per migration rule (tests/fixtures/migration/, each naming the
 * guide it mirrors): the warnings it must get, on the key of a property or
 * the value of a type. Warnings never block: none of these is an error.
 */
const FIXTURES: Record<string, { rule: string; warnings: Expected[] }> = {
  'plugin_defaults.yaml': { rule: 'plugin-defaults-removed', warnings: [['kestra-removed', 8, 1, 'pluginDefaults']] },
  'plugin_defaults_forced.yaml': {
    rule: 'plugin-defaults-forced-removed',
    warnings: [
      ['kestra-removed', 8, 1, 'pluginDefaults'],
      ['kestra-removed', 10, 5, 'pluginDefaults[0].forced'],
    ],
  },
  'task_defaults.yaml': { rule: 'task-defaults-renamed', warnings: [['kestra-deprecated', 8, 1, 'taskDefaults']] },
  'foreach.yaml': { rule: 'foreach-removed', warnings: [['kestra-removed', 6, 11, 'tasks[0].type']] },
  'trigger_conditions.yaml': { rule: 'trigger-conditions-removed', warnings: [['kestra-removed', 12, 5, 'triggers[0].conditions']] },
  'trigger_preconditions.yaml': { rule: 'trigger-preconditions-removed', warnings: [['kestra-removed', 11, 5, 'triggers[0].preconditions']] },
  'check_condition.yaml': { rule: 'check-condition-renamed', warnings: [['kestra-deprecated', 5, 5, 'checks[0].condition']] },
  'core_task_alias.yaml': { rule: 'core-task-aliases', warnings: [['kestra-deprecated', 6, 11, 'tasks[0].type']] },
  'core_trigger_alias.yaml': { rule: 'core-trigger-aliases', warnings: [['kestra-deprecated', 10, 11, 'triggers[0].type']] },
  'fs_http_alias.yaml': { rule: 'fs-http-renamed', warnings: [['kestra-deprecated', 6, 11, 'tasks[0].type']] },
  'core_condition_alias.yaml': {
    rule: 'core-condition-aliases',
    warnings: [
      ['kestra-removed', 12, 5, 'triggers[0].conditions'],
      ['kestra-deprecated', 13, 15, 'triggers[0].conditions[0].type'],
    ],
  },
  'retry_max_attempt.yaml': { rule: 'retry-max-attempt-renamed', warnings: [['kestra-deprecated', 11, 7, 'tasks[0].retry.maxAttempt']] },
  'retry_max_attempts.yaml': { rule: 'retry-max-attempts-new', warnings: [['kestra-too-new', 11, 7, 'tasks[0].retry.maxAttempts']] },
  'warning_on_stderr.yaml': { rule: 'script-warning-on-stderr', warnings: [['kestra-ignored', 9, 5, 'tasks[0].warningOnStdErr']] },
  'condition_renamed.yaml': {
    rule: 'condition-renamed',
    warnings: [
      ['kestra-removed', 11, 5, 'triggers[0].conditions'],
      ['kestra-deprecated', 12, 15, 'triggers[0].conditions[0].type'],
    ],
  },
  'schedule_conditions.yaml': { rule: 'schedule-conditions-renamed', warnings: [['kestra-deprecated', 12, 5, 'triggers[0].scheduleConditions']] },
  'each_sequential.yaml': { rule: 'each-deprecated', warnings: [['kestra-deprecated', 6, 11, 'tasks[0].type']] },
  'echo.yaml': { rule: 'echo-deprecated', warnings: [['kestra-deprecated', 6, 11, 'tasks[0].type']] },
  'template.yaml': { rule: 'template-deprecated', warnings: [['kestra-deprecated', 6, 11, 'tasks[0].type']] },
  'local_files.yaml': { rule: 'local-files-deprecated', warnings: [['kestra-deprecated', 6, 11, 'tasks[0].type']] },
  'script_runner.yaml': { rule: 'script-runner-deprecated', warnings: [['kestra-deprecated', 7, 5, 'tasks[0].runner']] },
  'script_docker.yaml': { rule: 'script-docker-deprecated', warnings: [['kestra-deprecated', 7, 5, 'tasks[0].docker']] },
  'input_name.yaml': { rule: 'input-name-renamed', warnings: [['kestra-deprecated', 5, 5, 'inputs[0].name']] },
  'subflow_outputs.yaml': { rule: 'subflow-outputs-deprecated', warnings: [['kestra-deprecated', 9, 5, 'tasks[0].outputs']] },
  'listeners.yaml': { rule: 'listeners-deprecated', warnings: [['kestra-deprecated', 8, 1, 'listeners']] },
  'pause_tasks.yaml': { rule: 'pause-tasks-deprecated', warnings: [['kestra-deprecated', 8, 5, 'tasks[0].tasks']] },
  'schedule_backfill.yaml': { rule: 'schedule-backfill-deprecated', warnings: [['kestra-deprecated', 12, 5, 'triggers[0].backfill']] },
};

test('every migration rule has a fixture', () => {
  assert.deepEqual(new Set(Object.values(FIXTURES).map((f) => f.rule)), new Set(MIGRATION_RULES.map((r) => r.id)));
});

for (const [file, { rule, warnings }] of Object.entries(FIXTURES)) {
  test(`migration/${file}: ${rule} warns on its line, in English and Chinese, and never as an error`, () => {
    const { errors, warnings: all } = parseFlow(read(`tests/fixtures/migration/${file}`));
    const found = all.filter((w) => w.code.startsWith('kestra-'));
    assert.deepEqual(found.map((w) => [w.code, w.line, w.column, w.path]), warnings);
    assert.ok(!errors.some((e) => e.code.startsWith('kestra-')), 'migration problems are warnings');
    for (const w of found) {
      assert.equal(w.severity, 'warning');
      const zh = formatFlowError(w, 'zh-TW');
      assert.notEqual(zh, w.message);
      for (const text of [w.message, zh]) {
        assert.doesNotMatch(text, /\{\w+\}|«|»/, 'every parameter is filled');
        assert.match(text, /https:\/\/|kestra-io\//, 'names its source');
      }
    }
  });
}

test('the messages say what to write instead, and when', () => {
  const at = (file: string) => parseFlow(read(`tests/fixtures/migration/${file}`)).warnings.find((w) => w.code.startsWith('kestra-'))!;
  assert.equal(
    at('core_task_alias.yaml').message,
    'The task type `io.kestra.core.tasks.log.Log` is deprecated since Kestra 0.17; use `io.kestra.plugin.core.log.Log` instead; Kestra 2.0 no longer accepts it (see https://kestra.io/docs/1.3/migration-guide/v0.17.0/renamed-plugins)',
  );
  assert.equal(
    formatFlowError(at('retry_max_attempt.yaml'), 'zh-TW'),
    '屬性 `maxAttempt` 從 Kestra 0.24 起已不建議使用；請改用 `maxAttempts`（參考 https://kestra.io/docs/migration-guide/v0.24.0/retries-maxattempts）',
  );
  assert.match(at('retry_max_attempts.yaml').message, /^The property `maxAttempts` needs Kestra 0\.24 or later: Kestra 0\.20 rejects it; write `maxAttempt` for Kestra 0\.20/);
  assert.match(at('warning_on_stderr.yaml').message, /^Since Kestra 0\.23, the property `warningOnStdErr` has no effect: writing to stderr no longer ends a script task in WARNING/);
  assert.match(at('condition_renamed.yaml').message, /Kestra 2\.0 removes the property `conditions`.*use `when` instead/);
});

test('a migration warning never stops a run: the flow is still returned without errors', () => {
  const { flow, errors, warnings } = parseFlow(read('tests/fixtures/migration/retry_max_attempt.yaml'));
  assert.ok(flow);
  assert.deepEqual(errors, []);
  assert.equal(warnings.length, 1);
});

const compat = (path: string) => {
  const source = read(path);
  return Object.fromEntries(kestraCompatibility(parseFlow(source).flow, source).map((c) => [c.version, c]));
};

test('course flows: the taxi flows use pluginDefaults, accepted by 0.20 and 1.1, rejected by 2.0 on that line', () => {
  for (const [file, line] of [['flows/02_postgres_taxi.yaml', 268], ['flows/02_postgres_taxi_scheduled.yaml', 289]] as const) {
    const c = compat(file);
    assert.equal(c['0.20'].accepted, true, `${file} on 0.20`);
    assert.equal(c['1.1'].accepted, true, `${file} on 1.1`);
    assert.equal(c['2.0'].accepted, false, `${file} on 2.0`);
    assert.deepEqual(c['2.0'].rejects.map((e) => [e.code, e.line, e.column, e.path]), [['kestra-removed', line, 1, 'pluginDefaults']]);
    assert.equal(formatFlowError(c['2.0'].rejects[0], 'zh-TW'), 'Kestra 2.0 移除了屬性 `pluginDefaults`：用到它的流程在該版本無法解析（參考 https://kestra.io/docs/migration-guide/v2.0.0/plugin-defaults-removed）');
  }
  for (const file of ['flows/hello_world.yaml', 'flows/03_postgres_dbt.yaml']) {
    const c = compat(file);
    assert.deepEqual([c['0.20'].accepted, c['1.1'].accepted, c['2.0'].accepted], [true, true, true], file);
  }
});

test('compatibility by version: too new for 0.20, removed in 2.0, ignored from 0.23, deprecated but accepted', () => {
  const attempts = compat('tests/fixtures/migration/retry_max_attempts.yaml');
  assert.deepEqual([attempts['0.20'].accepted, attempts['1.1'].accepted, attempts['2.0'].accepted], [false, true, true]);
  const alias = compat('tests/fixtures/migration/core_task_alias.yaml');
  assert.deepEqual([alias['0.20'].accepted, alias['1.1'].accepted, alias['2.0'].accepted], [true, true, false]);
  assert.equal(alias['0.20'].notes[0].code, 'kestra-deprecated');
  const stderr = compat('tests/fixtures/migration/warning_on_stderr.yaml');
  assert.deepEqual([stderr['0.20'].notes.length, stderr['1.1'].notes.length, stderr['2.0'].notes.length], [0, 1, 1]);
  assert.ok(stderr['2.0'].accepted);
  const renamed = compat('tests/fixtures/migration/retry_max_attempt.yaml');
  assert.deepEqual([renamed['0.20'].notes.length, renamed['1.1'].notes.length], [0, 1], 'maxAttempt is deprecated from 0.24 only');
  const yaml = compat('tests/fixtures/invalid/yaml_tab.yaml');
  assert.deepEqual([yaml['0.20'].accepted, yaml['1.1'].accepted, yaml['2.0'].accepted], [false, false, false], 'a flow that does not parse is accepted nowhere');
});

test('YAML aliases: Kestra reads them as text (kestra-io/kestra#16315), a note for every version', () => {
  const source = 'id: a\nnamespace: company.team\nvariables:\n  x: &x [1, 2]\n  y: *x\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';
  const { warnings } = parseFlow(source);
  assert.deepEqual(warnings.map((w) => [w.code, w.line, w.column]), [['yaml-alias-kestra', 5, 6]]);
  const c = kestraCompatibility(parseFlow(source).flow, source);
  assert.ok(c.every((v) => v.accepted && v.notes.some((n) => n.code === 'yaml-alias-kestra')));
});
