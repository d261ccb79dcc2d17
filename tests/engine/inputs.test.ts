import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flow, InputSpec } from '../../src/engine/flow/Flow';
import { formatFlowError } from '../../src/engine/flow/errorMessages';
import { resolveInputs } from '../../src/engine/inputs/resolveInputs';
import { inputFileStore } from '../../src/engine/inputs/inputFileStore';
import { MemoryStorage } from '../../src/engine/storage/MemoryStorage';
import { ROOT } from './runFlowFile';

const flowOf = (inputs: Partial<InputSpec>[]): Flow => ({ id: 'f', namespace: 'company.team', tasks: [], inputs: inputs as InputSpec[] });

async function one(input: Partial<InputSpec>, value: unknown) {
  const r = await resolveInputs(flowOf([{ id: 'x', ...input }]), value === undefined ? {} : { x: value });
  return r.errors.length ? { error: r.errors[0] } : { value: r.values.x };
}

async function ok(input: Partial<InputSpec>, value: unknown, expected: unknown) {
  const r = await one(input, value);
  assert.ok(!('error' in r), `${JSON.stringify(input)} ${JSON.stringify(value)}: ${'error' in r ? r.error?.message : ''}`);
  assert.deepEqual(r.value, expected);
}

async function bad(input: Partial<InputSpec>, value: unknown, code: string, message?: string) {
  const r = await one(input, value);
  assert.ok('error' in r && r.error, `${JSON.stringify(input)} ${JSON.stringify(value)} should fail`);
  assert.equal(r.error.code, code);
  if (message) assert.equal(r.error.message, message);
  return r.error;
}

test('STRING, SECRET: any text; validator must match the whole value', async () => {
  await ok({ type: 'STRING' }, 'hello', 'hello');
  await ok({ type: 'STRING' }, 42, '42');
  await ok({ type: 'SECRET' }, 's3cr3t', 's3cr3t');
  await ok({ type: 'STRING', validator: '[a-z]+' }, 'abc', 'abc');
  await bad({ type: 'STRING', validator: '[a-z]+' }, 'abc1', 'input-pattern', 'Invalid input for `x`, it must match the pattern `[a-z]+`, but received `abc1`');
});

test('INT: integers (32-bit) from numbers or strings; min and max', async () => {
  await ok({ type: 'INT' }, '42', 42);
  await ok({ type: 'INT' }, -7, -7);
  await ok({ type: 'INT' }, '+3', 3);
  await bad({ type: 'INT' }, 'abc', 'input-type', 'Invalid input for `x`, expected `INT` but received `abc`');
  await bad({ type: 'INT' }, '1.5', 'input-type');
  await bad({ type: 'INT' }, '3000000000', 'input-type');
  await bad({ type: 'INT', min: 10 }, '5', 'input-min', 'Invalid input for `x`, it must be more than `10`, but received `5`');
  await bad({ type: 'INT', max: 10 }, 11, 'input-max');
  await ok({ type: 'INT', min: 1, max: 12 }, '12', 12);
});

test('FLOAT: decimal and exponent forms; min and max', async () => {
  await ok({ type: 'FLOAT' }, '3.14', 3.14);
  await ok({ type: 'FLOAT' }, ' 1e3 ', 1000);
  await ok({ type: 'FLOAT' }, 2, 2);
  await bad({ type: 'FLOAT' }, 'pi', 'input-type');
  await bad({ type: 'FLOAT', min: 0.5 }, '0.1', 'input-min');
});

test('BOOLEAN: Java Boolean.valueOf, so only "true" (any case) is true', async () => {
  await ok({ type: 'BOOLEAN' }, true, true);
  await ok({ type: 'BOOLEAN' }, 'TRUE', true);
  await ok({ type: 'BOOLEAN' }, 'false', false);
  await ok({ type: 'BOOLEAN' }, 'yes', false);
  await bad({ type: 'BOOLEAN' }, 1, 'input-type');
});

test('SELECT: value must be one of values unless allowCustomValue', async () => {
  await ok({ type: 'SELECT', values: ['yellow', 'green'] }, 'green', 'green');
  await bad({ type: 'SELECT', values: ['yellow', 'green'] }, 'blue', 'input-values', 'Invalid input for `x`, it must match the values `[yellow, green]`, but received `blue`');
  await ok({ type: 'SELECT', values: ['yellow', 'green'], allowCustomValue: true }, 'blue', 'blue');
  await ok({ type: 'ENUM', values: ['A'] }, 'A', 'A');
});

test('MULTISELECT: a list or a JSON string; each value must be allowed', async () => {
  await ok({ type: 'MULTISELECT', values: ['a', 'b', 'c'] }, ['a', 'c'], ['a', 'c']);
  await ok({ type: 'MULTISELECT', values: ['a', 'b', 'c'] }, '["b"]', ['b']);
  await bad({ type: 'MULTISELECT', values: ['a', 'b'] }, ['a', 'z'], 'input-values');
  await bad({ type: 'MULTISELECT', values: ['a', 'b'] }, 'a,b', 'input-type');
});

test('DATE, TIME: ISO local forms, real calendar dates, after/before', async () => {
  await ok({ type: 'DATE' }, '2024-02-29', '2024-02-29');
  await bad({ type: 'DATE' }, '2023-02-29', 'input-type');
  await bad({ type: 'DATE' }, '01/02/2024', 'input-type');
  await bad({ type: 'DATE', after: '2019-01-01' }, '2018-12-31', 'input-after');
  await ok({ type: 'DATE', after: '2019-01-01', before: '2019-12-31' }, '2019-01-01', '2019-01-01');
  await bad({ type: 'DATE', before: '2019-12-31' }, '2020-01-01', 'input-before');
  await ok({ type: 'TIME' }, '09:30', '09:30');
  await ok({ type: 'TIME' }, '09:30:00', '09:30');
  await ok({ type: 'TIME' }, '09:30:15.5', '09:30:15.500');
  await bad({ type: 'TIME' }, '25:00', 'input-type');
});

test('DATETIME: an ISO instant, normalised to UTC as Java prints it', async () => {
  await ok({ type: 'DATETIME' }, '2019-01-01T00:00:00Z', '2019-01-01T00:00:00Z');
  await ok({ type: 'DATETIME' }, '2019-01-01T02:00:00+02:00', '2019-01-01T00:00:00Z');
  await ok({ type: 'DATETIME' }, '2019-01-01T00:00:00.120Z', '2019-01-01T00:00:00.120Z');
  await ok({ type: 'DATETIME' }, new Date(Date.UTC(2020, 5, 1, 12)), '2020-06-01T12:00:00Z');
  await bad({ type: 'DATETIME' }, '2019-01-01', 'input-type');
  await bad({ type: 'DATETIME' }, '2019-01-01T00:00Z', 'input-type');
  await bad({ type: 'DATETIME', after: '2020-01-01T00:00:00Z' }, '2019-06-01T00:00:00Z', 'input-after');
});

test('DURATION: Java Duration.parse (days to seconds), normalised', async () => {
  await ok({ type: 'DURATION' }, 'PT15M', 'PT15M');
  await ok({ type: 'DURATION' }, 'P1D', 'PT24H');
  await ok({ type: 'DURATION' }, 'PT90S', 'PT1M30S');
  await ok({ type: 'DURATION' }, 'PT0.5S', 'PT0.5S');
  await bad({ type: 'DURATION' }, 'P1M', 'input-type');
  await bad({ type: 'DURATION' }, '15 minutes', 'input-type');
});

test('JSON, YAML, ARRAY with itemType', async () => {
  await ok({ type: 'JSON' }, '{"a": [1, 2]}', { a: [1, 2] });
  await ok({ type: 'JSON' }, { a: 1 }, { a: 1 });
  const err = await bad({ type: 'JSON' }, '{a:', 'input-type');
  assert.ok(err.params.detail, 'carries the parser message');
  await ok({ type: 'YAML' }, 'a: 1\nb: [x]', { a: 1, b: ['x'] });
  await ok({ type: 'ARRAY', itemType: 'INT' }, '[1, "2", 3]', [1, 2, 3]);
  await ok({ type: 'ARRAY', itemType: 'STRING' }, ['a', 'b'], ['a', 'b']);
  // Kestra InputsTest#inputFailed (array): "Unable to parse array element as `INT` on `s1`, but received `["s1", "s2"]`"
  await bad({ type: 'ARRAY', itemType: 'INT' }, '[1, "two"]', 'input-array-item', 'Invalid input for `x`, Unable to parse array element as `INT` on `two`, but received `[1, "two"]`');
  await bad({ type: 'ARRAY', itemType: 'INT' }, 'not json', 'input-type');
});

test('URI and EMAIL', async () => {
  await ok({ type: 'URI' }, 'https://github.com/DataTalksClub/nyc-tlc-data/releases', 'https://github.com/DataTalksClub/nyc-tlc-data/releases');
  await bad({ type: 'URI' }, 'not a uri', 'input-type');
  await bad({ type: 'URI' }, 'http://localhost:8080', 'input-type');
  await ok({ type: 'EMAIL' }, 'me@example.com', 'me@example.com');
  await bad({ type: 'EMAIL' }, 'me-at-example', 'input-type');
});

test('defaults fill missing values; required defaults to true; optional inputs become null', async () => {
  const flow = flowOf([
    { id: 'taxi', type: 'SELECT', values: ['yellow', 'green'], defaults: 'yellow' },
    { id: 'year', type: 'INT', defaults: 2019 },
    { id: 'note', type: 'STRING', required: false },
    { id: 'must', type: 'STRING' },
  ]);
  const r = await resolveInputs(flow, { year: '2020', must: '' });
  assert.deepEqual(r.values, { taxi: 'yellow', year: 2020, note: null });
  // Kestra InputsTest#missingRequired: "Invalid input for `string`, missing required input, but received `null`"
  assert.deepEqual(r.errors.map((e) => [e.id, e.code, e.message]), [['must', 'input-required', 'Invalid input for `must`, missing required input, but received `null`']]);
  assert.equal(formatFlowError(r.errors[0], 'zh-TW'), '輸入 `must` 無效：這是必填輸入，但收到 `null`');
});

test('InputsTest#inputFlow: a required input with `defaults: \'\'` is accepted as the empty string', async () => {
  const r = await resolveInputs(flowOf([{ id: 'empty', type: 'STRING', defaults: '', required: true }]), {});
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.values, { empty: '' });
});

test('InputsTest#inputValidatedDurationBadValue / #inputValidatedTimeBadValue: Kestra\'s wording, bounds shown as written', async () => {
  const d = await resolveInputs(flowOf([{ id: 'dur', type: 'DURATION', min: 'PT10S', max: 'PT20S' }]), { dur: 'PT1S' });
  assert.equal(d.errors[0].message, 'Invalid input for `dur`, It must be more than `PT10S`, but received `PT1S`');
  const t = await resolveInputs(flowOf([{ id: 'time', type: 'TIME', after: '01:00', before: '11:59:59' }]), { time: '00:00:01' });
  assert.equal(t.errors[0].message, 'Invalid input for `time`, it must be after `01:00`, but received `00:00:01`');
});

test('all problems come at once, each with code and params for translation', async () => {
  const flow = flowOf([
    { id: 'a', type: 'INT' },
    { id: 'b', type: 'DATE' },
    { id: 'c', type: 'BOOLEAN' },
  ]);
  const r = await resolveInputs(flow, { a: 'x', b: 'tomorrow', c: 'true' });
  assert.deepEqual(r.errors.map((e) => [e.id, e.code, e.params.type]), [['a', 'input-type', 'INT'], ['b', 'input-type', 'DATE']]);
  assert.equal(formatFlowError(r.errors[1], 'zh-TW'), '輸入 `b` 無效：預期是 `DATE`，但收到 `tomorrow`');
});

test('input ids with dots nest, as in Kestra', async () => {
  const r = await resolveInputs(flowOf([{ id: 'db.host', type: 'STRING' }, { id: 'db.port', type: 'INT' }]), { 'db.host': 'localhost', 'db.port': '5432' });
  assert.deepEqual(r.values, { db: { host: 'localhost', port: 5432 } });
});

test('defaults with expressions are literal (Kestra 0.20) unless a renderer is given (0.24+)', async () => {
  const flow = flowOf([{ id: 'when', type: 'STRING', defaults: '{{ execution.id }}' }]);
  assert.deepEqual((await resolveInputs(flow, {})).values, { when: '{{ execution.id }}' });
  assert.deepEqual((await resolveInputs(flow, {}, { renderDefault: () => 'exec-1' })).values, { when: 'exec-1' });
});

test('FILE: browser bytes or a local path are stored; the value is a kestra:// URI', async () => {
  const storage = new MemoryStorage();
  const flow = flowOf([{ id: 'data', type: 'FILE' }]);
  flow.id = 'my_flow';
  const storeFile = inputFileStore(storage, flow, 'exec1');
  const blob = new File([new TextEncoder().encode('a,b\n1,2\n')], 'taxi.csv');
  const fromBrowser = await resolveInputs(flow, { data: blob }, { storeFile });
  assert.deepEqual(fromBrowser.errors, []);
  assert.equal(fromBrowser.values.data, 'kestra:///company/team/my-flow/executions/exec1/inputs/data/taxi.csv');
  assert.equal(new TextDecoder().decode(await storage.get(fromBrowser.values.data as string)), 'a,b\n1,2\n');

  const dir = mkdtempSync(join(tmpdir(), 'inputs-'));
  const path = join(dir, 'local.txt');
  writeFileSync(path, 'hello');
  const readLocalFile = async (p: string) => new Uint8Array(readFileSync(p));
  const fromCli = await resolveInputs(flow, { data: path }, { storeFile, readLocalFile });
  assert.equal(fromCli.values.data, 'kestra:///company/team/my-flow/executions/exec1/inputs/data/local.txt');
  const missing = await resolveInputs(flow, { data: join(dir, 'nope.txt') }, { storeFile, readLocalFile });
  assert.equal(missing.errors[0].code, 'input-file');
  const uri = await resolveInputs(flow, { data: 'kestra:///x/y.csv' });
  assert.equal(uri.values.data, 'kestra:///x/y.csv');
  const noStore = await resolveInputs(flow, { data: '/some/path.csv' });
  assert.equal(noStore.errors[0].code, 'input-type');
});

test('command line: a wrong input value exits 2 with the Kestra-style message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inputs-cli-'));
  const file = join(dir, 'flow.yaml');
  writeFileSync(file, 'id: f\nnamespace: company.team\ninputs:\n  - id: year\n    type: INT\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ inputs.year }}"\n');
  const r = spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'run', file, '--input', 'year=twenty'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Invalid input for `year`, expected `INT` but received `twenty`/);
  const good = spawnSync('npx', ['tsx', 'src/cli/flow.ts', 'run', file, '--input', 'year=2020'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stdout, /INFO\s+hello 2020/);
});
