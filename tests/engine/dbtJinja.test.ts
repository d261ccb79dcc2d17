import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from '../../src/engine/dbt/jinja/parser';
import { Interpreter } from '../../src/engine/dbt/jinja/interpreter';
import { JinjaBudget, DEFAULT_JINJA_LIMITS } from '../../src/engine/dbt/jinja/JinjaBudget';
import { JinjaError } from '../../src/engine/dbt/jinja/JinjaError';
import { MISSING, fromPlain } from '../../src/engine/dbt/jinja/values';

// Jinja semantics as dbt's environment has them (jinja2 with the do and loopcontrols
// extensions, no trim_blocks): each case is written from Jinja's documented behaviour.
const interp = new Interpreter();
async function render(source: string, vars: Record<string, unknown> = {}, limits = DEFAULT_JINJA_LIMITS): Promise<string> {
  const globals = fromPlain(vars) as Map<string, unknown>;
  return interp.render(parseTemplate(source), { budget: new JinjaBudget(limits), globals: (n) => (globals.has(n) ? globals.get(n) : MISSING) });
}

test('loops count from 1, know first/last/length, and keep their variables inside', async () => {
  assert.equal(await render('{% for x in ["a","b","c"] %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}'), '1a,2b,3c');
  assert.equal(await render('{% for x in [] %}x{% else %}empty{% endfor %}'), 'empty');
  assert.equal(await render('{% set n = 1 %}{% for x in [1,2] %}{% set n = n + x %}{% endfor %}{{ n }}'), '1');
  assert.equal(await render('{% set ns = namespace(n=1) %}{% for x in [1,2] %}{% set ns.n = ns.n + x %}{% endfor %}{{ ns.n }}'), '4');
  assert.equal(await render('{% for x in range(10) if x is even %}{% if x > 5 %}{% break %}{% endif %}{{ x }}{% endfor %}'), '024');
  assert.equal(await render('{% for k, v in {"a": 1, "b": 2}.items() %}{{ k }}={{ v }};{% endfor %}'), 'a=1;b=2;');
});

test('in / not in, is none, is defined, Python truthiness and and/or values', async () => {
  assert.equal(await render("{{ 'b' in 'abc' }} {{ 3 not in [1, 2] }} {{ 'k' in {'k': 1} }}"), 'True True True');
  assert.equal(await render('{{ x is none }} {{ y is not defined }} {{ none is none }}', { x: null }), 'True True True');
  assert.equal(await render("{{ [] or 'fallback' }} {{ 0 and 1 }} {{ 'x' if '' else 'y' }}"), 'fallback 0 y');
  assert.equal(await render('{{ missing }}|{{ missing | default("d") }}'), '|d');
});

test('values print as Python prints them', async () => {
  assert.equal(await render("{{ [1, 'a', none, true] }} {{ {'k': [1]} }} {{ none }}"), "[1, 'a', None, True] {'k': [1]} None");
  assert.equal(await render("{{ \"it's\" }} {{ [\"it's\"] }}"), 'it\'s ["it\'s"]');
  assert.equal(await render('{{ 7 // 2 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 7 / 2 }}'), '3 2 1024 3.5');
});

test('string, list and dict methods from the allow-list', async () => {
  assert.equal(await render("{{ 'a,b'.split(',') }} {{ ' x '.strip() }} {{ 'ab'.upper() }} {{ 'a_b'.replace('_', '-') }} {{ 'x'.startswith('x') }}"), "['a', 'b'] x AB a-b True");
  assert.equal(await render("{% set l = [] %}{% do l.append(1) %}{% do l.extend([2, 3]) %}{{ l }} {{ l | length }} {{ l[1:] }} {{ l[-1] }}"), '[1, 2, 3] 3 [2, 3] 3');
  assert.equal(await render("{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{{ d.keys() | list }} {{ d.get('c', 0) }} {{ d.a }}"), "['a', 'b'] 0 1");
  assert.equal(await render("{{ '{} and {}'.format(1, 'x') }} {{ '%s-%d' % ('a', 5) }} {{ '%.2f' | format(3.14159) }}"), '1 and x a-5 3.14');
  // nothing of JavaScript is reachable: an unknown attribute is undefined, and using it further fails
  assert.equal(await render("[{{ 'x'.__class__ }}][{{ [].constructor }}][{{ {}.__proto__ }}]"), '[][][]');
  await assert.rejects(render("{{ 'x'.constructor.name }}"), /'constructor' is undefined/);
});

test('macros: defaults, keyword arguments, varargs/kwargs, caller(), return()', async () => {
  assert.equal(await render('{% macro m(a, b=2) -%} {{ a + b }} {%- endmacro %}[{{ m(1) }}][{{ m(1, b=5) }}]'), '[3][6]');
  assert.equal(await render('{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, x=3) }}'), "[1, 2]{'x': 3}");
  assert.equal(await render('{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap("b") %}bold{% endcall %}'), '<b>bold</b>');
  assert.equal(await render('{% set x %}  block  {% endset %}[{{ x | trim }}]'), '[block]');
  assert.equal(await render('{% filter upper %}shout{% endfilter %}'), 'SHOUT');
  await assert.rejects(render('{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}'), /takes not more than 1 argument/);
});

test('whitespace control and a dropped final newline', async () => {
  assert.equal(await render('a\n  {%- if true %} b {% endif -%}\n c\n'), 'a b c');
  assert.equal(await render('{# comment #}x{#- c -#}  y'), 'xy');
  assert.equal(await render('{% raw %}{{ not rendered }}{% endraw %}'), '{{ not rendered }}');
});

test('syntax errors name the line', async () => {
  await assert.rejects(render('line one\n{% if x %}\nno end'), (e) => e instanceof JinjaError && /endif/.test(e.message) && e.line === 3);
  await assert.rejects(render('{{ 1 + }}'), (e) => e instanceof JinjaError && e.line === 1);
  await assert.rejects(render('{% include "x.sql" %}'), /include/);
  await assert.rejects(render("{{ 'unclosed }}"), /never closed/);
});

test('a hostile template ends in a clear error, never a hang', async () => {
  const small = { ...DEFAULT_JINJA_LIMITS, maxSteps: 200_000, maxMillis: 5_000 };
  await assert.rejects(render('{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}', {}, small), /nested more than 200 deep/);
  await assert.rejects(render('{% for i in range(100000000) %}{% endfor %}', {}, small), /list or dict of more than/);
  await assert.rejects(render('{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}', {}, small), /evaluation steps/);
  await assert.rejects(render("{% set s = namespace(v='ab') %}{% for i in range(40) %}{% set s.v = s.v ~ s.v %}{% endfor %}", {}, small), /text of more than/);
  await assert.rejects(render("{{ 'x' * 100000000 }}", {}, small), /text of more than/);
});
