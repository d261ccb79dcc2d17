import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExpressionError } from '../../src/engine/expressions/ExpressionError';
import { Pebble } from '../../src/engine/expressions/Pebble';
import { HOSTILE_TEMPLATES } from '../fixtures/hostileTemplates';

const pebble = new Pebble({ kv: () => undefined, secret: () => undefined });
const g = globalThis as unknown as Record<string, unknown>;
const ctx = () => ({ inputs: { taxi: 'green', list: [1, 2] }, flow: { namespace: 'zoomcamp', id: 'f' } });
const work = mkdtempSync(join(tmpdir(), 'hostile-'));
const home = process.cwd();

test('the hostile corpus is large and every template is distinct', () => {
  assert.ok(HOSTILE_TEMPLATES.length >= 120, `${HOSTILE_TEMPLATES.length} templates`);
  assert.equal(new Set(HOSTILE_TEMPLATES).size, HOSTILE_TEMPLATES.length);
});

HOSTILE_TEMPLATES.forEach((template, i) => {
  test(`hostile template ${i + 1}: renders or fails as an expression error, and nothing runs: ${JSON.stringify(template).slice(0, 100)}`, () => {
    delete g.__pwned;
    delete g.pwned;
    process.chdir(work);
    const started = performance.now();
    try {
      let outcome: string;
      try {
        outcome = pebble.render(template, ctx());
      } catch (e) {
        assert.ok(e instanceof ExpressionError, `expected an expression error, got ${(e as Error)?.name}: ${(e as Error)?.message}`);
        assert.ok((e as Error).message.length > 0);
        outcome = `error: ${(e as Error).message}`;
      }
      assert.equal(typeof outcome, 'string');
    } finally {
      process.chdir(home);
    }
    const ms = performance.now() - started;
    // the budget stops any template within seconds; the margin is for a loaded machine
    assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms`);
    assert.equal(g.__pwned, undefined, 'no global set');
    assert.equal(g.pwned, undefined, 'no global set');
    assert.equal(existsSync(join(work, 'pwned.txt')), false, 'no file written');
    assert.equal(existsSync(join(home, 'pwned.txt')), false, 'no file written');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
    // the same engine keeps working
    assert.equal(pebble.render('{{ inputs.taxi | upper }} {{ inputs.list }}', ctx()), 'GREEN [1,2]');
  });
});

test('templates that only look hostile render as text', () => {
  const r = (t: string) => pebble.render(t, ctx());
  assert.equal(r('{% raw %}{{ 7 * 7 }}{% endraw %}'), '{{ 7 * 7 }}');
  assert.equal(r('{% verbatim %}{% if %}{{ x }}{% endverbatim %}'), '{% if %}{{ x }}');
  assert.equal(r('{# {{ nope }} #}ok'), 'ok');
  assert.equal(r(`{{ '}}' ~ "{{" ~ '%}' }}`), '}}{{%}');
  assert.equal(r(`{{ 'a\\'); globalThis.__pwned = 1; //' }}`), "a'); globalThis.__pwned = 1; //");
  assert.equal(r(`{{ fromJson('{"__proto__": {"polluted": 1}}') }}`), '{"__proto__":{"polluted":1}}');
  assert.equal(r("{{ {'__proto__': 1} }}"), '{"__proto__":1}');
});

test('a key named like a prototype member in data is plain data', () => {
  const c = { inputs: JSON.parse('{"toString": "ts", "valueOf": "vo", "hasOwnProperty": "h"}') as Record<string, unknown> };
  assert.equal(pebble.render('{{ inputs.toString }} {{ inputs.valueOf }} {{ inputs.hasOwnProperty }}', c), 'ts vo h');
});

test('data objects are not modified by rendering', () => {
  const c = ctx();
  pebble.render("{% set x = inputs %}{{ x | merge({'evil': 1}) }}{% set inputs = 1 %}{{ inputs }}", c);
  assert.deepEqual(c.inputs, { taxi: 'green', list: [1, 2] });
});

test('resource limits end in a clear error, quickly, and leave the engine working', () => {
  const cases: [string, RegExp][] = [
    ['{{ range(1, 1000000000) }}', /more than 1,000,000 items/],
    ["{% set s = 'xx' %}{% for i in range(1, 40) %}{% set s = s ~ s %}{% endfor %}{{ s }}", /more than 16 M characters/],
    ['{% for i in range(1, 100000) %}{% for j in range(1, 100000) %}{% endfor %}{% endfor %}', /evaluation steps/],
    ['{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}', /Too many rendering attempts/],
    [`{{ 'a'${' ~ 1'.repeat(5000)} }}`, /nested deeper than/],
    [`{{ ${'('.repeat(3000)}1${')'.repeat(3000)} }}`, /nested deeper than/],
  ];
  for (const [t, re] of cases) {
    const started = performance.now();
    assert.throws(() => pebble.render(t, ctx()), re, t.slice(0, 80));
    assert.ok(performance.now() - started < 20_000, t.slice(0, 80));
  }
  const selfRef = { ...ctx(), vars: { a: '{{ render(vars.a) }}' } };
  assert.throws(() => pebble.render('{{ render(vars.a) }}', selfRef), /Too many rendering attempts/);
  const grow = { ...ctx(), vars: { g: '{{ render(vars.g) ~ render(vars.g) }}' } };
  assert.throws(() => pebble.render('{{ render(vars.g) }}', grow), /Too many rendering attempts|evaluation steps/);
  assert.equal(pebble.render('{{ 1 + 1 }}', ctx()), '2');
});

test('a catastrophic regular expression runs in linear time (RE2)', () => {
  const started = performance.now();
  assert.equal(pebble.render(`{{ '${'a'.repeat(5000)}!' | replace({'(a+)+$': 'y'}, regexp=true) | length }}`, ctx()), '5001');
  assert.ok(performance.now() - started < 2000);
  assert.throws(() => pebble.render("{{ 'aa' | replace({'(a)\\1': 'y'}, regexp=true) }}", ctx()), /back-reference/);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
