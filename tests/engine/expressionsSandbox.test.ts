import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pebble } from '../../src/engine/expressions/Pebble';

const pebble = new Pebble();
const g = globalThis as unknown as Record<string, unknown>;
const ctx = () => ({ inputs: { taxi: 'green', list: [1, 2] }, flow: { namespace: 'zoomcamp' } });

/** Each payload would set globalThis.__pwned if it ever ran JavaScript. */
const SET = "globalThis.__pwned = 1; return 1";
const PAYLOADS = [
  `{{ range.constructor("${SET}")() }}`,
  `{{ cycler.constructor("${SET}")() }}`,
  `{{ joiner.constructor("${SET}")() }}`,
  `{{ ''.constructor.constructor('${SET}')() }}`,
  `{{ "".constructor.constructor("${SET}")() }}`,
  `{{ [].constructor.constructor("${SET}")() }}`,
  `{{ {}.constructor.constructor("${SET}")() }}`,
  `{{ inputs.constructor.constructor("${SET}")() }}`,
  `{{ inputs["constructor"]["constructor"]("${SET}")() }}`,
  `{{ inputs['con' ~ 'structor']['con' ~ 'structor']("${SET}") }}`,
  `{{ inputs.__proto__ }}`,
  `{{ inputs['__proto__'] }}`,
  `{{ inputs['__pro' ~ 'to__'] }}`,
  `{{ inputs.list.constructor }}`,
  `{% set x = joiner %}{{ x.constructor("${SET}")() }}`,
  `{% set x = inputs %}{{ x['constructor'] }}`,
  `{{ "a" | attr("constructor") }}`,
  `{{ inputs.taxi.toString() }}`,
  `{{ inputs.taxi.valueOf }}`,
  `{{ inputs.toString }}`,
  `{{ inputs.hasOwnProperty('taxi') }}`,
  `{{ render.call(null, 'x') }}`,
  `{{ render.constructor("${SET}")() }}`,
  `{{ render['constructor']("${SET}")() }}`,
  `{{ (render)("{{ 1 }}")("x") }}`,
  `{% include "http://example.com/x.njk" %}`,
  `{% import "http://example.com/x.njk" as m %}`,
  `{% from "x" import y %}`,
  `{% extends "x" %}`,
  `{% macro m() %}{{ range.constructor("${SET}")() }}{% endmacro %}{{ m() }}`,
  `{% call m() %}x{% endcall %}`,
  `{{ __op.constructor("${SET}")() }}`,
  `{{ __map }}`,
  `{{ render }}`,
  `{{ x(1) }}`,
  `{{ inputs | dictsort }}`,
  `{{ inputs | groupby('x') }}`,
  `{{ inputs | safe }}`,
  `{{ constructor }}`,
  `{% for k, v in inputs %}{{ v.constructor }}{% endfor %}`,
  `{{ inputs | replace({'constructor': 'x'}, regexp=true) | attr('x') }}`,
  `{% set __proto__ = 1 %}`,
  `{{ date(__proto__={}) }}`,
];

for (const payload of PAYLOADS) {
  test(`sandbox refuses: ${payload}`, () => {
    delete g.__pwned;
    assert.throws(() => pebble.render(payload, ctx()), (e: Error) => e.name === 'ExpressionError' && e.message.length > 0);
    assert.equal(g.__pwned, undefined, 'the payload must not run');
    // rendering still works afterwards, with the same engine
    assert.equal(pebble.render("{{ inputs.taxi | upper }} {{ inputs.list }}", ctx()), 'GREEN [1,2]');
  });
}

test('a key named like a prototype member in data is plain data', () => {
  const c = { inputs: JSON.parse('{"toString": "ts", "valueOf": "vo"}') as Record<string, unknown> };
  assert.equal(pebble.render('{{ inputs.toString }} {{ inputs.valueOf }}', c), 'ts vo');
  assert.equal(pebble.render("{{ {'__proto__': 1} }}", c), '{"__proto__":1}');
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
});

test('data objects are not modified by rendering', () => {
  const c = ctx();
  pebble.render("{% set x = inputs %}{{ x | merge({'evil': 1}) }}", c);
  assert.deepEqual(c.inputs, { taxi: 'green', list: [1, 2] });
});
