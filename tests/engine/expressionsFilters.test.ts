import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pebble } from '../../src/engine/expressions/Pebble';

const kvStore: Record<string, Record<string, unknown>> = { zoomcamp: { GCP_BUCKET: 'my-bucket' }, company: { SHARED: 'up' } };
const files: Record<string, string> = { 'kestra:///zoomcamp/f/e/out.txt': 'file content', 'queries/q.sql': 'SELECT 1' };
const pebble = new Pebble({
  secret: (k) => ({ PG_PASSWORD: 'k3str4' })[k],
  kv: (ns, key) => kvStore[ns]?.[key],
  readFile: (path, ns) => {
    const hit = files[path];
    if (hit === undefined) throw new Error(`File ${path} not found in ${ns}`);
    return hit;
  },
});
const ctx = {
  s: '  Hello World  ',
  m: { b: 2, a: 1 },
  l: [3, 1, 2],
  flow: { id: 'f', namespace: 'zoomcamp' },
  json: '{"x": [1, 2], "y": "z"}',
};
const r = (t: string, c: Record<string, unknown> = ctx) => pebble.render(t, c);

test('string filters', () => {
  assert.equal(r('{{ s | trim | upper }}|{{ s | lower | trim }}'), 'HELLO WORLD|hello world');
  assert.equal(r("{{ 'hello world' | capitalize }}|{{ 'hello big world' | title }}"), 'Hello world|Hello Big World');
  assert.equal(r("{{ 'this is long' | abbreviate(7) }}"), 'this...');
  assert.equal(r("{{ 'a-b-c' | replace({'-': '_', 'a': 'A'}) }}"), 'A_b_c');
  assert.equal(r("{{ 'a1b22' | replace({'[0-9]+': '#'}, regexp=true) }}"), 'a#b#');
  assert.equal(r("{{ 'a,b,,c' | split(',') }}|{{ 'a.b.c' | split('\\.', 2) }}"), '["a","b","","c"]|["a","b.c"]');
  assert.equal(r("{{ 'Héllo Wörld!' | slugify }}"), 'hello-world');
  assert.equal(r("{{ 'file.tar.gz' | substringBefore('.') }} {{ 'file.tar.gz' | substringAfterLast('.') }} {{ 'file.tar.gz' | startsWith('file') }} {{ 'file.tar.gz' | endsWith('.zip') }}"), 'file gz true false');
  assert.equal(r("{{ 'a b' | urlencode }} {{ 'hi' | base64encode }} {{ 'aGk=' | base64decode }}"), 'a+b aGk= hi');
  assert.equal(r("{{ \"it's\" | escapeChar('single') }}"), "it\\'s");
});

test('numbers', () => {
  assert.equal(r("{{ '42' | number + 1 }} {{ '2.5' | number * 2 }} {{ '7' | number('INT') }}"), '43 5 7');
  assert.throws(() => r("{{ 'x' | number }}"), /not a valid number/);
  assert.throws(() => r("{{ '2.5' | number('INT') }}"), /not a valid number/);
  // unary minus binds tighter than a filter in Pebble
  assert.equal(r('{{ -3 | abs }}'), '3');
  assert.equal(r('{{ (-3) | abs }}'), '3');
});

test('collection filters', () => {
  assert.equal(r('{{ l | length }} {{ m | length }} {{ s | length }}'), '3 2 15');
  assert.equal(r('{{ l | first }} {{ l | last }} {{ "abc" | first }}'), '3 2 a');
  assert.equal(r('{{ m | keys }} {{ m | values }}'), '["b","a"] [2,1]');
  assert.equal(r("{{ l | join(', ') }}|{{ l | sort }}|{{ l | rsort }}|{{ l | reverse }}"), '3, 1, 2|[1,2,3]|[3,2,1]|[2,1,3]');
  assert.equal(r('{{ l | slice(1, 2) }} {{ [1, [2, 3]] | flatten }} {{ [1, 1, 2] | distinct }} {{ [1, 2, 3] | chunk(2) }}'), '[1] [1,2,3] [1,2] [[1,2],[3]]');
  assert.equal(r("{{ m | merge({'c': 3}) }}"), '{"b":2,"a":1,"c":3}');
  assert.equal(r("{{ m | toJson }} {{ 'x' | json }} {{ nothing | default('d') }} {{ '' | default('e') }}"), '{"b":2,"a":1} "x" d e');
  assert.equal(r('{{ m | yaml }}'), 'b: 2\na: 1\n');
});

test('fromJson() and json()', () => {
  assert.equal(r('{{ fromJson(json).x[1] }} {{ json(json).y }}'), '2 z');
  assert.throws(() => r("{{ fromJson('{bad') }}"), /not valid JSON/);
});

test('secret(): value, or a clear error naming the secret', () => {
  assert.equal(r("{{ secret('PG_PASSWORD') }}"), 'k3str4');
  assert.throws(() => r("{{ secret('GCP_CREDS') }}"), /Secret `GCP_CREDS` is not defined\. Add it in the playground's Secrets panel/);
});

test('kv(): own namespace, parent namespaces, explicit namespace, missing keys', () => {
  assert.equal(r("{{ kv('GCP_BUCKET') }}"), 'my-bucket');
  assert.equal(r("{{ kv('SHARED') }}", { flow: { namespace: 'company.team' } }), 'up');
  assert.equal(r("{{ kv('SHARED', 'company') }}"), 'up');
  assert.equal(r("[{{ kv('NOPE') }}]"), '[]');
  assert.throws(() => r("{{ kv('NOPE', errorOnMissing=true) }}"), /The key 'NOPE' does not exist in the namespace 'zoomcamp'/);
});

test('kv() of a missing key: null in Kestra 0.20, an error in 1.1 (migration guide 0.22.0 "KV function errors on missing key")', () => {
  const store = () => undefined;
  const v020 = new Pebble({ kv: store, kestraVersion: '0.20' });
  const v11 = new Pebble({ kv: store, kestraVersion: '1.1' });
  const ctx = { flow: { namespace: 'zoomcamp' } };
  assert.equal(v020.render("[{{ kv('NOPE') }}]", ctx), '[]');
  assert.throws(() => v11.render("{{ kv('NOPE') }}", ctx), /The key 'NOPE' does not exist in the namespace 'zoomcamp'/);
  assert.equal(v11.render("[{{ kv('NOPE', errorOnMissing=false) }}]", ctx), '[]');
});

test('read(): stored files and namespace files', () => {
  assert.equal(r("{{ read('kestra:///zoomcamp/f/e/out.txt') }}"), 'file content');
  assert.equal(r("{{ read('queries/q.sql') }}"), 'SELECT 1');
  assert.throws(() => r("{{ read('missing.txt') }}"), /File missing.txt not found in zoomcamp/);
});

test('range, max, min', () => {
  assert.equal(r('{{ range(1, 5, 2) }} {{ max(1, 7, 3) }} {{ min(4, 2) }}'), '[1,3,5] 7 2');
});

test('bad arguments are errors', () => {
  assert.throws(() => r("{{ 'x' | upper('y') }}"), /too many arguments/);
  assert.throws(() => r("{{ 'x' | date(colour='red') }}"), /unknown argument `colour`/);
});
