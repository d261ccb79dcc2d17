import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pebble } from '../../src/engine/expressions/Pebble';

const pebble = new Pebble({ newId: () => 'id0000000000000000001', errorLogs: () => [{ taskId: 't', message: 'boom' }] });
const render = (t: string, ctx: Record<string, unknown> = {}) => pebble.render(t, ctx);
const fails = (t: string, message: RegExp, ctx: Record<string, unknown> = {}) => assert.throws(() => render(t, ctx), message);

test('UndefinedCoalescingExpressionTest: an undefined name inside a subscript falls through ?? and is defined', () => {
  const ctx = { block: { a: { child: 'c' } }, inputs: { key: 'a' } };
  assert.equal(render("{{ block[missing].child ?? 'x' }}", ctx), 'x');
  assert.equal(render('{{ block[missing] is defined }}', ctx), 'false');
  assert.equal(render("{{ block[inputs.key].child ?? 'x' }}", ctx), 'c');
});

test('RenderFunctionTest: render() of a list or map renders the strings inside it, also with recursive=false', () => {
  const ctx = { list: ['{{ 1 + 1 }}', 'x'], m: { k: '{{ 2 + 2 }}' } };
  assert.equal(render('{{ render(list) }}', ctx), '["2","x"]');
  assert.equal(render('{{ render(m) }}', ctx), '{"k":"4"}');
  assert.equal(render('{{ render(list, recursive=false) }}', ctx), '["2","x"]');
  fails('{{ render(vars.t) }}', /Too many rendering attempts/, { vars: { t: '{{ render(vars.t) }}' } });
});

test('ReplaceFilterTest: string literals keep backslashes, so (\\d) is a regex digit class', () => {
  assert.equal(render("{{ 'a1b2' | replace({'(\\d)': 'N'}, regexp=true) }}"), 'aNbN');
});

test('DateFilterTest: a date without time is midnight; named existingFormat; timestampMicro as Kestra computes it', () => {
  assert.equal(render("{{ '2013-09-08' | date('yyyy-MM-dd HH:mm:ss') }}"), '2013-09-08 00:00:00');
  assert.equal(render("{{ 'Tue, 08 Feb 2022 19:38:26 GMT' | date(existingFormat='rfc_1123_date_time', timeZone=\"Europe/Paris\") }}"), '2022-02-08T20:38:26.000000+01:00');
  // DateFilterTest#instantmicro: SECONDS.toNanos(epochSecond) + NANOSECONDS.toMicros(nano)
  assert.equal(render("{{ '2013-09-08T17:19:12.123456789+02:00' | timestampMicro }}"), '1378653552000123456');
});

test('IndentFilterTest / NindentFilterTest: CR and CRLF are kept, an empty text stays empty', () => {
  assert.equal(render('{{ s | indent(2) }}', { s: 'a\r\nb' }), 'a\r\n  b');
  assert.equal(render('{{ s | nindent(2) }}', { s: 'a\rb' }), '\r  a\r  b');
  assert.equal(render("[{{ '' | nindent(2) }}]"), '[]');
  fails('{{ s | indent }}', /The 'indent' filter expects an integer as argument 'amount'/, { s: 'a\nb' });
});

test('RandomIntFunctionTest: randomInt(10, 10) is 10; string bounds and upper < lower fail with Kestra\'s words', () => {
  assert.equal(render('{{ randomInt(10, 10) }}'), '10');
  const r = Number(render('{{ randomInt(1, 3) }}'));
  assert.ok(r === 1 || r === 2);
  fails("{{ randomInt('1', 10) }}", /The 'GenerateRandomNumber' function expects an argument lowerwith type Integer\./);
  fails('{{ randomInt(10, 1) }}', /In 'GenerateRandomNumber' upper is less than lower/);
});

test('raw blocks (PebbleVariableRendererTest#raw), whitespace control included', () => {
  assert.equal(render('See some code {%-  raw%}{{ var }}{%endraw -%}', { var: '1' }), 'See some code {{ var }}');
  assert.equal(render('See some code {% raw %}{{ var }}{% endraw %} and {% raw %}{{ var2 }}{% endraw %}'), 'See some code {{ var }} and {{ var2 }}');
});

test('YamlFilterTest: Jackson\'s layout, list items one space in; YamlFunctionTest: yaml() parses', () => {
  assert.equal(render("{{ ['string', 1, 1.123] | yaml }}"), ' - string\n - 1\n - 1.123\n');
  assert.equal(render("{{ {'a': {'b': [1, 2]}} | yaml }}"), 'a:\n  b:\n   - 1\n   - 2\n');
  assert.equal(render("{{ 'string' | yaml }}"), 'string\n');
  assert.equal(render('{{ yaml(text).a[1] }}', { text: 'a: [1, 2]\nb: x' }), '2');
  fails('{{ yaml(1) }}', /The 'yaml' function expects an argument 'yaml' with type string\./);
});

test('Md5FilterTest / Sha1FilterTest / Sha512FilterTest and sha256: hex digests of the UTF-8 text', () => {
  assert.equal(render("{{ 'hello' | md5 }}"), '5d41402abc4b2a76b9719d911017c592');
  assert.equal(render("{{ 'hello' | sha1 }}"), 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d');
  assert.equal(render("{{ 'hello' | sha256 }}"), '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
  assert.ok(render("{{ 'hello' | sha512 }}").startsWith('9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7'));
  fails('{{ 1 | md5 }}', /Need a string to hash/);
});

test('JqFilterTest: jq returns the list of results; loops are refused here', () => {
  const ctx = { m: { a: [1, 2, 3], b: 'x' } };
  assert.equal(render("{{ m | jq('.a[]') }}", ctx), '[1,2,3]');
  assert.equal(render("{{ m | jq('.b') | first }}", ctx), 'x');
  assert.equal(render("{{ '{\"x\": 1}' | jq('.x') | first }}"), '1');
  assert.equal(render("{{ m | jq('.a | map(. * 2) | add') | first }}", ctx), '12');
  fails("{{ m | jq('[range(10)]') }}", /`range` is not run here/, ctx);
});

test('className, numberFormat (DecimalFormat patterns), id(), currentEachOutput(), errorLogs()', () => {
  assert.equal(render("{{ 'a' | className }}"), 'java.lang.String');
  assert.equal(render('{{ 12 | className }}'), 'java.lang.Long');
  assert.equal(render("{{ 3.14159 | numberFormat('#.##') }}"), '3.14');
  assert.equal(render("{{ 1234567.891 | numberFormat('#,##0.00') }}"), '1,234,567.89');
  assert.equal(render("{{ 2.5 | numberFormat('0') }}"), '2', 'HALF_EVEN');
  assert.equal(render('{{ id() }}'), 'id0000000000000000001');
  const ctx = { outputs: { t: { a: { '1': { v: 'a1' } } } }, parents: [{ taskrun: { value: 'a' } }, { taskrun: { value: null } }], taskrun: { value: '1' } };
  assert.equal(render('{{ currentEachOutput(outputs.t).v }}', ctx), 'a1');
  assert.equal(render('{{ errorLogs()[0].message }}'), 'boom');
});

test('macros (Pebble\'s macro tag) render', () => {
  assert.equal(render("{% macro hi(n) %}hi {{ n }}{% endmacro %}{{ hi('bob') }}"), 'hi bob');
});

test('FetchContextFunctionTest / FileSizeFunctionTest: fetchContext(), printContext(), fileSize()', () => {
  const p = new Pebble({ fileSize: (uri) => (uri.endsWith('a.txt') ? 5 : 0) });
  assert.equal(p.render("{{ fetchContext()['inputs'].x }}", { inputs: { x: 'y' } }), 'y');
  assert.equal(p.render('{{ printContext() }}', { a: 1 }), '{"a":1}');
  assert.equal(p.render("{{ fileSize('kestra:///ns/f/executions/e/tasks/t/r/a.txt') }}", {}), '5');
});

test('Pebble blocks: {% block %} renders in place and block(\'name\') renders it again', () => {
  assert.equal(render("{% block b %}x{{ 1 + 1 }}{% endblock %}-{{ block('b') }}"), 'x2-x2');
});
