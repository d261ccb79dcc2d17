import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseFlow } from '../../src/engine';
import { formatFlowError } from '../../src/engine/flow/errorMessages';
import { ROOT, readFlow } from './runFlowFile';

type Expected = { code: string; line: number; column: number; path: string; yamlCode?: string };

/** Each fixture with every error it must report, in source order. */
const FIXTURES: Record<string, Expected[]> = {
  'yaml_bad_indent.yaml': [{ code: 'yaml', yamlCode: 'MULTILINE_IMPLICIT_KEY', line: 4, column: 9, path: '' }],
  'yaml_tab.yaml': [
    { code: 'yaml', yamlCode: 'TAB_AS_INDENT', line: 4, column: 1, path: '' },
    { code: 'yaml', yamlCode: 'TAB_AS_INDENT', line: 5, column: 1, path: '' },
  ],
  'yaml_duplicate_key.yaml': [{ code: 'yaml', yamlCode: 'DUPLICATE_KEY', line: 7, column: 5, path: '' }],
  // the error points where the quote or bracket opens, not where the text ends
  'yaml_missing_quote.yaml': [{ code: 'yaml', yamlCode: 'UNCLOSED_QUOTE', line: 6, column: 14, path: '' }],
  'yaml_unclosed_bracket.yaml': [{ code: 'yaml', yamlCode: 'UNCLOSED_BRACKET', line: 3, column: 28, path: '' }],
  'unquoted_expression.yaml': [{ code: 'unquoted-expression', line: 9, column: 14, path: '' }],
  'missing_required.yaml': [{ code: 'required', line: 4, column: 5, path: 'tasks[0]' }],
  'missing_namespace.yaml': [{ code: 'required', line: 2, column: 1, path: '' }],
  'unknown_task_type.yaml': [{ code: 'unknown-task', line: 5, column: 11, path: 'tasks[0].type' }],
  'wrong_property_type.yaml': [
    { code: 'type', line: 7, column: 19, path: 'tasks[0].allowFailure' },
    { code: 'type', line: 8, column: 14, path: 'tasks[0].timeout' },
  ],
  'duplicate_task_id.yaml': [{ code: 'duplicate-id', line: 8, column: 9, path: 'errors[0].id' }],
  'bad_ids.yaml': [
    { code: 'id-pattern', line: 1, column: 5, path: 'id' },
    { code: 'namespace-pattern', line: 2, column: 12, path: 'namespace' },
    { code: 'id-pattern', line: 4, column: 9, path: 'tasks[0].id' },
  ],
  'select_default.yaml': [{ code: 'default-not-in-values', line: 7, column: 15, path: 'inputs[0].defaults' }],
  'unknown_input_type.yaml': [
    { code: 'unknown-input-type', line: 5, column: 11, path: 'inputs[0].type' },
    { code: 'unknown-input-type', line: 7, column: 11, path: 'inputs[1].type' },
  ],
  'inputs_many.yaml': [
    { code: 'input-type', line: 6, column: 15, path: 'inputs[0].defaults' },
    { code: 'duplicate-id', line: 7, column: 9, path: 'inputs[1].id' },
    { code: 'required', line: 9, column: 5, path: 'inputs[2]' },
    { code: 'required', line: 10, column: 5, path: 'inputs[3]' },
    { code: 'required', line: 12, column: 5, path: 'inputs[4]' },
    { code: 'array-item-type', line: 16, column: 15, path: 'inputs[5].itemType' },
    { code: 'too-long', line: 19, column: 18, path: 'inputs[6].displayName' },
    { code: 'unknown-property', line: 22, column: 5, path: 'inputs[7].placeholder' },
  ],
  'settings.yaml': [
    { code: 'system-label', line: 4, column: 3, path: 'labels.system.correlationId' },
    { code: 'min', line: 6, column: 10, path: 'concurrency.limit' },
    { code: 'enum', line: 7, column: 13, path: 'concurrency.behavior' },
    { code: 'required', line: 9, column: 5, path: 'pluginDefaults[0]' },
    { code: 'unknown-property', line: 10, column: 5, path: 'pluginDefaults[0].value' },
    { code: 'unknown-property', line: 12, column: 1, path: 'schedule' },
    { code: 'required', line: 18, column: 7, path: 'tasks[0].retry' },
    { code: 'unknown-property', line: 19, column: 7, path: 'tasks[0].retry.maxAttemps' },
  ],
  'triggers.yaml': [
    { code: 'cron-fields', line: 10, column: 11, path: 'triggers[0].cron' },
    { code: 'timezone', line: 14, column: 15, path: 'triggers[1].timezone' },
    { code: 'duplicate-id', line: 15, column: 9, path: 'triggers[2].id' },
    { code: 'unknown-trigger', line: 16, column: 11, path: 'triggers[2].type' },
    { code: 'required', line: 17, column: 5, path: 'triggers[3]' },
  ],
};

for (const [file, expected] of Object.entries(FIXTURES)) {
  test(`invalid/${file}: reports ${expected.map((e) => e.code).join(', ')} at the right place`, () => {
    const { errors } = parseFlow(readFlow(`tests/fixtures/invalid/${file}`));
    assert.deepEqual(
      errors.map((e) => ({ code: e.code, line: e.line, column: e.column, path: e.path, ...(e.params.yamlCode ? { yamlCode: e.params.yamlCode } : {}) })),
      expected,
    );
    for (const e of errors) {
      assert.ok(e.message.length > 10, 'has an English message');
      assert.notEqual(formatFlowError(e, 'zh-TW'), e.message, `zh-TW differs for ${e.code}`);
      assert.doesNotMatch(formatFlowError(e, 'zh-TW'), /\{\w+\}|«|»/, 'every parameter is filled');
      assert.doesNotMatch(e.message, /\{\w+\}|«|»/, 'every parameter is filled');
    }
  });
}

test('several errors come at once, in source order, each with its own message', () => {
  const { errors, flow } = parseFlow(readFlow('tests/fixtures/invalid/many_errors.yaml'));
  assert.ok(flow, 'the flow is still returned');
  assert.deepEqual(
    errors.map((e) => [e.code, e.line, e.column, e.path]),
    [
      ['required', 4, 5, 'tasks[0]'],
      ['duplicate-id', 6, 9, 'tasks[1].id'],
      ['unknown-task', 10, 11, 'tasks[2].type'],
    ],
  );
  assert.equal(errors[0].message, 'Missing required property `message` on task');
  assert.equal(errors[1].message, 'Duplicate task id `a` (first used at tasks[0])');
  assert.equal(errors[2].message, 'Unknown task type `io.kestra.plugin.core.log.Lgo`; did you mean `io.kestra.plugin.core.log.Log`?');
  assert.deepEqual(errors[2].params, { type: 'io.kestra.plugin.core.log.Lgo', suggestion: 'io.kestra.plugin.core.log.Log' });
});

test('messages translate to Traditional Chinese', () => {
  const { errors } = parseFlow(readFlow('tests/fixtures/invalid/many_errors.yaml'));
  assert.equal(formatFlowError(errors[0], 'zh-TW'), '任務缺少必填屬性 `message`');
  assert.equal(formatFlowError(errors[1], 'zh-TW'), '任務 id `a` 重複了（第一次出現在 tasks[0]）');
  assert.equal(
    formatFlowError(errors[2], 'zh-TW'),
    '未知的任務型別 `io.kestra.plugin.core.log.Lgo`；你是不是要寫 `io.kestra.plugin.core.log.Log`？',
  );
  const yaml = parseFlow(readFlow('tests/fixtures/invalid/yaml_tab.yaml')).errors[0];
  assert.equal(formatFlowError(yaml, 'zh-TW'), 'YAML 語法錯誤：YAML 不允許用 Tab 縮排，請改用空白');
  assert.equal(formatFlowError(yaml, 'en'), yaml.message);
});

test('a missing property points at the first key of the map that lacks it; a wrong value at the value', () => {
  const src = ['id: t', 'namespace: company.team', 'tasks:', '  - type: io.kestra.plugin.core.log.Log', '    message: 42', '    level: LOUD'].join('\n');
  const { errors } = parseFlow(src);
  assert.deepEqual(
    errors.map((e) => [e.code, e.line, e.column, e.path]),
    [
      ['required', 4, 5, 'tasks[0]'],
      ['enum', 6, 12, 'tasks[0].level'],
    ],
  );
  assert.equal(errors[1].message, '`level` must be one of TRACE, DEBUG, INFO, WARN, ERROR (got `LOUD`)');
});

test('nested task trees: duplicate ids are found inside flowable branches and errors/finally', () => {
  const src = `
id: nested
namespace: company.team
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: hi
finally:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: bye
`;
  const { errors } = parseFlow(src);
  assert.deepEqual(errors.map((e) => [e.code, e.path, e.line]), [['duplicate-id', 'finally[0].id', 9]]);
});

test('legacy task type aliases are accepted; Kestra-valid flows have no errors', () => {
  const src = `
id: legacy.flow_1
namespace: company.team
description: Flow ids may contain dots
labels:
  - key: team
    value: data
variables:
  file: "{{ inputs.taxi }}.csv"
inputs:
  - id: taxi
    type: SELECT
    displayName: Select taxi type
    values: [yellow, green]
    defaults: yellow
  - id: when
    type: DATETIME
    defaults: "2019-01-01T00:00:00Z"
    required: false
concurrency:
  limit: 1
pluginDefaults:
  - type: io.kestra.plugin.core.log
    values:
      level: WARN
    forced: true
tasks:
  - id: hello
    type: io.kestra.core.tasks.log.Log
    message: hi
    disabled: false
    runIf: "{{ inputs.taxi == 'yellow' }}"
    allowFailure: true
    allowWarning: true
    description: says hi
    timeout: PT1M
    retry:
      type: exponential
      interval: PT1S
      maxInterval: PT10S
      maxAttempt: 3
triggers:
  - id: yellow_schedule
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 10 1 * *"
    timezone: America/New_York
    inputs:
      taxi: yellow
  - id: legacy
    type: io.kestra.core.models.triggers.types.Schedule
    cron: "@monthly"
`;
  assert.deepEqual(parseFlow(src).errors, []);
});

test('a required property supplied by pluginDefaults (type prefix) is not missing', () => {
  const withDefault = `
id: pd
namespace: company.team
pluginDefaults:
  - type: io.kestra.plugin.core.log
    values:
      message: from defaults
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
`;
  assert.deepEqual(parseFlow(withDefault).errors, []);
  const otherPrefix = withDefault.replace('io.kestra.plugin.core.log\n', 'io.kestra.plugin.scripts\n');
  assert.deepEqual(parseFlow(otherPrefix).errors.map((e) => [e.code, e.params.property]), [['required', 'message']]);
});

test('strict task definitions reject unknown properties, with a suggestion', () => {
  const src = `
id: strict
namespace: company.team
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    mesage: hi
`;
  const { errors } = parseFlow(src);
  assert.deepEqual(
    errors.map((e) => [e.code, e.path, e.line, e.column, e.params.suggestion ?? null]),
    [
      ['required', 'tasks[0]', 5, 5, null],
      ['unknown-property', 'tasks[0].mesage', 7, 5, 'message'],
    ],
  );
});

test('cron checks: fields, ranges, names, nicknames and withSeconds', () => {
  const flowWith = (cron: string, extra = '') => `
id: c
namespace: company.team
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: hi
triggers:
  - id: s
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "${cron}"${extra}
`;
  for (const ok of ['0 9 1 * *', '*/15 * * * *', '0 0 * JAN-MAR MON-FRI', '0 0 1,15 * 0', '@daily', '@hourly']) {
    assert.deepEqual(parseFlow(flowWith(ok)).errors, [], ok);
  }
  assert.deepEqual(parseFlow(flowWith('0 0 9 1 * *', '\n    withSeconds: true')).errors, []);
  const bad = parseFlow(flowWith('0 25 * * *')).errors;
  assert.deepEqual(bad.map((e) => [e.code, e.params.field, e.params.what]), [['cron-field', '25', 'hour']]);
  assert.equal(formatFlowError(bad[0], 'zh-TW'), 'cron 運算式 `0 25 * * *` 不合法：`25` 不是有效的小時欄位');
  assert.equal(parseFlow(flowWith('@every-minute')).errors[0].code, 'cron-fields');
});

test('a template checker, when given, reports expression problems at the string', () => {
  const src = `
id: t
namespace: company.team
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.x | nosuchfilter }}"
`;
  const { errors, warnings } = parseFlow(src, { checkTemplate: (t) => (t.includes('nosuchfilter') ? 'Unknown filter `nosuchfilter`' : null) });
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.map((e) => [e.code, e.path, e.line, e.column, e.severity]), [['expression', 'tasks[0].message', 7, 14, 'warning']]);
  assert.equal(warnings[0].message, 'Invalid expression in `message`: Unknown filter `nosuchfilter`');
});

test('every course flow in flows/ validates', async () => {
  const { readdirSync } = await import('node:fs');
  for (const f of readdirSync(`${ROOT}/flows`).filter((n) => n.endsWith('.yaml'))) {
    assert.deepEqual(parseFlow(readFlow(`flows/${f}`)).errors.map((e) => `${e.line}:${e.column} ${e.message}`), [], f);
  }
});

test('command line: an invalid flow exits 2 and prints file:line:col: message for every error', () => {
  const r = spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'validate', 'tests/fixtures/invalid/many_errors.yaml'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 2);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^tests\/fixtures\/invalid\/many_errors\.yaml:4:5: Missing required property `message` on task/);
  assert.match(lines[1], /^tests\/fixtures\/invalid\/many_errors\.yaml:6:9: Duplicate task id `a`/);
  assert.match(lines[2], /^tests\/fixtures\/invalid\/many_errors\.yaml:10:11: Unknown task type/);
});

// Kestra saves a flow whose expression cannot render and fails the task at run time: a warning, not an error
test("by default the engine's own template check runs: an unknown filter is a warning at its string", () => {
  const src = `
id: t
namespace: company.team
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.x | nosuchfilter }}"
`;
  const { errors, warnings } = parseFlow(src);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.map((e) => [e.code, e.path, e.line, e.column]), [['expression', 'tasks[0].message', 7, 14]]);
  assert.match(warnings[0].message, /nosuchfilter/);
  assert.deepEqual(parseFlow(src, { checkTemplate: null }).warnings, []);
});

test('YAML errors after a line the parser cannot place stay on their own line (lines are counted from the text)', () => {
  // a mapping key swapped above `id:`: the yaml parser reports every following token, including ones with line breaks inside
  const src = '  - id: pick\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';
  const { errors, flow } = parseFlow(src);
  assert.equal(flow, null);
  assert.ok(errors.length > 0);
  const lines = src.split('\n');
  for (const e of errors) {
    assert.ok(e.line >= 1 && e.line <= lines.length, `${e.code} on line ${e.line}`);
    assert.ok(e.column >= 1 && e.column <= lines[e.line - 1].length + 1, `${e.code} at ${e.line}:${e.column}`);
  }
});

test('retry accepts maxAttempt (Kestra 0.x) and maxAttempts (0.24 and later), each with a version warning', () => {
  for (const name of ['maxAttempt', 'maxAttempts']) {
    const src = `id: r\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n    retry:\n      type: constant\n      interval: PT1S\n      ${name}: 0\n`;
    const { errors, warnings } = parseFlow(src);
    assert.deepEqual(errors.map((e) => [e.code, e.line, e.path]), [['min', 10, `tasks[0].retry.${name}`]], name);
    assert.deepEqual(warnings.map((w) => w.code), [name === 'maxAttempt' ? 'kestra-deprecated' : 'kestra-too-new']);
  }
});

test('an empty key is named empty, not left as a placeholder', () => {
  const { errors } = parseFlow('id: e\nnamespace: company.team\n"": 1\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n');
  assert.deepEqual(errors.map((e) => [e.code, e.line, e.column]), [['unknown-property', 3, 1]]);
  assert.equal(errors[0].message, 'Unknown property `` on the flow; did you mean `id`?');
});
