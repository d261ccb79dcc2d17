import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pebble } from '../../src/engine/expressions/Pebble';

const pebble = new Pebble({ now: () => new Date('2024-03-05T10:11:12.345Z') });
const ctx = {
  inputs: { taxi: 'green', year: '2020', month: '04', n: 5, list: ['a', 'b'], empty: '', nothing: null },
  vars: {
    file: '{{inputs.taxi}}_tripdata_{{inputs.year}}-{{inputs.month}}.csv',
    nested: '{{ vars.file }}',
    data: "{{outputs.extract.outputFiles[inputs.taxi ~ '_tripdata_' ~ inputs.year ~ '-' ~ inputs.month ~ '.csv']}}",
  },
  outputs: { extract: { outputFiles: { 'green_tripdata_2020-04.csv': 'kestra:///zoomcamp/f/executions/e/green_tripdata_2020-04.csv' } } },
  execution: { id: 'exec1', startDate: '2024-03-05T10:11:12.345678Z' },
  flow: { id: 'f', namespace: 'zoomcamp' },
};
const r = (t: string, c: Record<string, unknown> = ctx) => pebble.render(t, c);

test('the course variable with ~ inside a subscript', () => {
  assert.equal(r(ctx.vars.data), 'kestra:///zoomcamp/f/executions/e/green_tripdata_2020-04.csv');
});

test('variables are not rendered automatically; render() is recursive, renderOnce() is one pass', () => {
  assert.equal(r('{{ vars.file }}'), '{{inputs.taxi}}_tripdata_{{inputs.year}}-{{inputs.month}}.csv');
  assert.equal(r('{{ render(vars.file) }}'), 'green_tripdata_2020-04.csv');
  assert.equal(r('{{ render(vars.nested) }}'), 'green_tripdata_2020-04.csv');
  assert.equal(r('{{ renderOnce(vars.nested) }}'), '{{inputs.taxi}}_tripdata_{{inputs.year}}-{{inputs.month}}.csv');
  assert.equal(r('{{ render(vars.nested, recursive=false) }}'), '{{inputs.taxi}}_tripdata_{{inputs.year}}-{{inputs.month}}.csv');
  assert.equal(r('{{ render(vars.data) }}'), 'kestra:///zoomcamp/f/executions/e/green_tripdata_2020-04.csv');
});

test('render() stops after 100 passes on a template that keeps growing', () => {
  const c = { ...ctx, vars: { grow: '{{ vars.grow }}x' } };
  assert.equal(r('{{ renderOnce(vars.grow) }}', c), '{{ vars.grow }}xx');
  assert.throws(() => r('{{ render(vars.grow) }}', c), /render\(\) gave up after 100 passes/);
});

test('an undefined variable or attribute is an error naming it, never an empty string', () => {
  assert.throws(() => r('{{ trigger.date }}'), { message: 'Unable to find `trigger` used in the expression `{{ trigger.date }}`' });
  assert.throws(() => r('x {{ inputs.nope }}'), { message: 'Unable to find `nope` used in the expression `x {{ inputs.nope }}`' });
  assert.throws(() => r('{{ inputs.list[5] }}'), /Unable to find `5`/);
  assert.throws(() => r('{{ inputs.nope | upper }}'), /Unable to find `nope`/);
  assert.throws(() => r("{{ inputs.nope ~ 'x' }}"), /Unable to find `nope`/);
  assert.throws(() => r("{{ inputs.nope == 'x' }}"), /Unable to find `nope`/);
  assert.throws(() => r('{% if trigger %}x{% endif %}'), /Unable to find `trigger`/);
  assert.throws(() => r('{% for x in nope %}{{ x }}{% endfor %}'), /Unable to find `nope`/);
});

test('null prints as nothing; lists and maps print as compact JSON', () => {
  assert.equal(r('[{{ inputs.nothing }}]'), '[]');
  assert.equal(r('{{ inputs.list }}'), '["a","b"]');
  assert.equal(r("{{ {'a': [1, 2.5, {'b': null, 'c': true}], 'd': 'x\"y'} }}"), '{"a":[1,2.5,{"b":null,"c":true}],"d":"x\\"y"}');
  assert.equal(r('{{ outputs.extract }}'), '{"outputFiles":{"green_tripdata_2020-04.csv":"kestra:///zoomcamp/f/executions/e/green_tripdata_2020-04.csv"}}');
  assert.equal(r('{{ true }} {{ 1 == 1 }} {{ 3 }}'), 'true true 3');
});

test('~ concatenates and binds tighter than a filter, like Pebble', () => {
  assert.equal(r("{{ inputs.taxi ~ '_' ~ inputs.n }}"), 'green_5');
  assert.equal(r("{{ 'a' ~ 'b' | upper }}"), 'AB');
  assert.equal(r("{{ 'a' ~ ('b' | upper) }}"), 'aB');
  assert.equal(r("{{ inputs.taxi ~ '_' ~ ('2019-03-01T00:00:00Z' | date('yyyy-MM')) ~ '.csv' }}"), 'green_2019-03.csv');
});

test('?? and ??? coalesce; they bind tighter than filters', () => {
  assert.equal(r('{{ trigger.date ?? execution.startDate | date("yyyy-MM-dd") }}'), '2024-03-05');
  const triggered = { ...ctx, trigger: { date: '2019-02-01T09:00:00Z' } };
  assert.equal(r('{{ trigger.date ?? execution.startDate | date("yyyy-MM-dd") }}', triggered), '2019-02-01');
  assert.equal(r("{{ inputs.nothing ?? 'fallback' }}"), 'fallback');
  assert.equal(r("[{{ inputs.nothing ??? 'fallback' }}]"), '[]');
  assert.equal(r("{{ nope ??? 'fallback' }}"), 'fallback');
  assert.equal(r("{{ nope ?? other ?? 'third' }}"), 'third');
  assert.equal(r("{{ inputs.taxi ?? secret('NOT_SET') }}"), 'green');
  assert.equal(r("{{ 'a ?? b' }}"), 'a ?? b');
});

// Pebble's PositiveTestExpression: only `defined` may look at an undefined name; DefinedTest is "not null"
test('is defined / is not defined look at undefined names; is null / is empty need a defined one', () => {
  assert.equal(r('{{ trigger is defined }} {{ trigger is not defined }}'), 'false true');
  assert.equal(r('{{ inputs.taxi is defined }} {{ inputs.nothing is null }} {{ inputs.nothing is defined }}'), 'true true false');
  assert.throws(() => r('{{ nope is null }}'), /Unable to find `nope`/);
  assert.throws(() => r('{{ nope is empty }}'), /Unable to find `nope`/);
  assert.equal(r("{{ inputs.empty is empty }} {{ inputs.list is empty }} {{ ' ' is empty }} {{ inputs.list is not empty }}"), 'true false true true');
  assert.equal(r("{% if trigger is defined %}T{% else %}manual{% endif %}"), 'manual');
  assert.equal(r('{{ inputs.n is even }} {{ inputs.n is odd }}'), 'false true');
});

test('comparisons, arithmetic, logic, contains, ternary, ranges', () => {
  assert.equal(r("{{ inputs.taxi == 'green' }} {{ inputs.taxi equals 'yellow' }} {{ inputs.taxi != 'yellow' }}"), 'true false true');
  assert.equal(r('{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 7 / 2 }} {{ 7 % 4 }} {{ -inputs.n }}'), '7 9 3 3 -5');
  assert.equal(r('{{ inputs.n > 3 and inputs.n < 10 }} {{ not (inputs.n > 3) or false }}'), 'true false');
  assert.equal(r("{{ inputs.list contains 'a' }} {{ 'hello' contains 'ell' }} {{ {'k': 1} contains 'k' }}"), 'true true true');
  assert.equal(r("{{ inputs.n > 3 ? 'big' : 'small' }}"), 'big');
  assert.equal(r('{{ 1..3 }}'), '[1,2,3]');
  assert.equal(r("{{ inputs.n == '5' }}"), 'false');
});

test('if / elseif / for / set tags', () => {
  assert.equal(r("{% if inputs.taxi == 'yellow' %}Y{% elseif inputs.taxi == 'green' %}G{% else %}?{% endif %}"), 'G');
  assert.equal(r('{% for x in inputs.list %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}'), '0a,1b');
  assert.equal(r("{% for e in {'a': 1, 'b': 2} %}{{ e.key }}={{ e.value }};{% endfor %}"), 'a=1;b=2;');
  assert.equal(r("{% set who = inputs.taxi | upper %}{{ who }}"), 'GREEN');
  assert.equal(r('{% raw %}{{ not rendered }}{% endraw %}'), '{{ not rendered }}');
  assert.equal(r('a{# comment #}b'), 'ab');
  assert.equal(r('  {{- inputs.taxi -}}  !'), 'green!');
});

test('strings without expressions come back untouched, quotes and escapes survive', () => {
  assert.equal(r('plain } { text'), 'plain } { text');
  assert.equal(r(`{{ "it's" }} {{ 'say "hi"' }} {{ 'a\\'b' }} {{ "}}" }}`), `it's say "hi" a'b }}`);
  assert.equal(r("SELECT '{{ inputs.taxi }}' AS t"), "SELECT 'green' AS t");
});
