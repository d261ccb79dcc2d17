import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTemplate } from '../../src/engine/expressions/checkTemplate';
import { Pebble } from '../../src/engine/expressions/Pebble';

test('valid templates and plain strings have no problems', () => {
  assert.deepEqual(checkTemplate('no template here'), []);
  assert.deepEqual(checkTemplate("{{ render(vars.file) }} {{ trigger.date | date('yyyy-MM') }}"), []);
  assert.deepEqual(checkTemplate("{% if inputs.taxi == 'yellow' %}{{ kv('X') }}{% endif %}"), []);
});

test('an unknown filter is reported at its offset', () => {
  const t = "SELECT {{ inputs.taxi | uppercase }}";
  const problems = checkTemplate(t);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].message, 'Filter [uppercase] does not exist');
  assert.equal(problems[0].offset, t.indexOf('uppercase'));
});

test('an unknown function is reported at its offset, as are unknown tests', () => {
  const t = "{{ secrets('X') }} and {{ x is blue }}";
  const problems = checkTemplate(t);
  assert.deepEqual(problems, [
    { message: 'Function or Macro [secrets] does not exist', offset: t.indexOf('secrets') },
    { message: 'Test [blue] does not exist', offset: t.indexOf('blue') },
  ]);
});

test('syntax errors, unsupported tags and unclosed blocks', () => {
  assert.equal(checkTemplate('{{ inputs.taxi ')[0].message, 'Missing closing `}}`');
  assert.equal(checkTemplate('{{ 1 + }}')[0].offset, 7);
  assert.match(checkTemplate('{% include "x" %}')[0].message, /Tag `include` is not supported/);
  assert.equal(checkTemplate('{% if true %}x').length, 1);
  assert.match(checkTemplate("{{ 'abc'.toUpperCase() }}")[0].message, /Method calls/);
});

test('rendering a template with an unknown filter fails with the same message', () => {
  assert.throws(() => new Pebble().render('{{ 1 | nope }}', {}), /Filter \[nope\] does not exist/);
  assert.match(new Pebble().check('{{ nope() }}') ?? '', /Function or Macro \[nope\] does not exist/);
});
