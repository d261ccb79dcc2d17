import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseFlow } from '../../src/engine/flow/parseFlow';
import { FLOW_MESSAGES, formatFlowError } from '../../src/engine/flow/errorMessages';
import type { FlowError } from '../../src/engine/flow/FlowError';

/**
 * The done-when of the "parseFlow never throws" issue: thousands of broken
 * and hostile flows, each validated within a second, each problem located
 * inside the text and worded in both languages. Mutations start from the
 * course flows (flows/*.yaml) and our invalid fixtures; the hostile shapes
 * are generated (alias bombs, deep nesting, huge maps, long strings, deeply
 * nested templates). The seed is fixed: a failure is reproducible.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = 20260601;
const MUTATED_RUNS = 4_600;
const HOSTILE_RUNS = 420;
const CASE_LIMIT_MS = 1_000;

const read = (dir: string) =>
  readdirSync(resolve(ROOT, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(resolve(ROOT, dir, f), 'utf8'));
const SEEDS = [...read('flows'), ...read('tests/fixtures/invalid')];

let cases = 0;
let slowest = { ms: 0, sample: '' };

/** One timed validation (performance.now()); a throw fails the case. */
function timed(source: string): { result: ReturnType<typeof parseFlow>; ms: number } {
  const started = performance.now();
  try {
    const result = parseFlow(source);
    return { result, ms: performance.now() - started };
  } catch (e) {
    assert.fail(`parseFlow threw ${String(e)} on ${JSON.stringify(source.slice(0, 200))}`);
  }
}

/**
 * Validates one source and checks every promise parseFlow makes about it. A
 * case over the limit is timed twice more and judged by its fastest run: on
 * a shared two-core machine one run can wait for the processor, while a
 * quadratic case is slow every time.
 */
function check(source: string): void {
  cases++;
  let { result, ms } = timed(source);
  for (let retry = 0; retry < 2 && ms >= CASE_LIMIT_MS; retry++) ({ result, ms } = ((again) => (again.ms < ms ? again : { result, ms }))(timed(source)));
  if (ms > slowest.ms) slowest = { ms, sample: source.slice(0, 120) };
  assert.ok(ms < CASE_LIMIT_MS, `took ${ms.toFixed(0)} ms at best of 3 (${source.length} chars): ${JSON.stringify(source.slice(0, 200))}`);
  const lines = source.split('\n');
  for (const e of [...result.errors, ...result.warnings]) checkProblem(e, lines, source);
}

function checkProblem(e: FlowError, lines: string[], source: string): void {
  const where = `${e.code} at ${e.line}:${e.column} in ${JSON.stringify(source.slice(0, 160))}`;
  assert.notEqual(e.code, 'validator-crash', `the validator crashed: ${e.message} (${where})`);
  assert.ok(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines.length, `line within the source: ${where}`);
  assert.ok(Number.isInteger(e.column) && e.column >= 1 && e.column <= lines[e.line - 1].length + 1, `column within its line: ${where}`);
  assert.ok(e.message.length > 0, `has a message: ${where}`);
  assert.doesNotMatch(e.message, /«|»|\{[a-z]\w*\}/i, `every parameter filled: ${e.message}`);
  if (FLOW_MESSAGES[e.code]) {
    const zh = formatFlowError(e, 'zh-TW');
    assert.notEqual(zh, e.message, `a zh-TW message for ${where}`);
    assert.doesNotMatch(zh, /«|»|\{[a-z]\w*\}/i, `every parameter filled in zh-TW: ${zh}`);
  }
  assert.ok(e.message.length < 4_000, `a short message (${e.message.length} chars): ${where}`);
}

// ── mutations of real flows ──────────────────────────────────────────────

const INSERTS = ['"', "'", '[', ']', '{', '}', '{{', '}}', '{%', '%}', '#{', '&a ', '*a', '*nope', '&a [*a]', '<<: *a', '\t', '\0', '\u2028', '\uFEFF', '😀', '蛇', ': ', '- ', '? ', '|', '>', '#', '%YAML 1.1\n', '---\n', '!!binary ', '!tag ', '~', '\\', '{{ (((( }}', '{{ x | nope }}', '{% if %}', '{% raw %}', "{{ '#{'"];
const CHARS = fc.constantFrom(...INSERTS);

type Edit =
  | { op: 'delete'; line: number }
  | { op: 'duplicate'; line: number }
  | { op: 'swap'; line: number; other: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'replace'; at: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -6, max: 6 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: CHARS }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: fc.oneof(CHARS, fc.string({ maxLength: 3, unit: 'binary' })) }),
);

function apply(source: string, edits: Edit[]): string {
  let text = source;
  for (const e of edits) {
    const lines = text.split('\n');
    const n = Math.max(1, lines.length);
    switch (e.op) {
      case 'delete':
        lines.splice(e.line % n, 1);
        break;
      case 'duplicate':
        lines.splice(e.line % n, 0, lines[e.line % n] ?? '');
        break;
      case 'swap': {
        const a = e.line % n;
        const b = e.other % n;
        [lines[a], lines[b]] = [lines[b], lines[a]];
        break;
      }
      case 'indent': {
        const i = e.line % n;
        const line = lines[i] ?? '';
        lines[i] = e.by >= 0 ? ' '.repeat(e.by) + line : line.slice(Math.min(-e.by, line.length - line.trimStart().length));
        break;
      }
      case 'insert':
      case 'replace': {
        const at = text.length ? e.at % (text.length + 1) : 0;
        text = text.slice(0, at) + e.text + text.slice(e.op === 'replace' ? at + e.text.length : at);
        continue;
      }
      case 'truncate':
        text = text.slice(0, text.length ? e.at % text.length : 0);
        continue;
    }
    text = lines.join('\n');
  }
  return text;
}

test(`${MUTATED_RUNS} mutations of the course flows and fixtures: no throw, each within ${CASE_LIMIT_MS} ms, every problem located and bilingual`, () => {
  fc.assert(
    fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (i, edits) => check(apply(SEEDS[i], edits))),
    { seed: SEED, numRuns: MUTATED_RUNS, endOnFailure: true, includeErrorInReport: true },
  );
});

// ── hostile structures ───────────────────────────────────────────────────

const HEAD = 'id: hostile\nnamespace: company.team\n';
const TASK = 'tasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';
const logWith = (message: string) => `${HEAD}tasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: ${JSON.stringify(message)}\n`;

const hostile: fc.Arbitrary<string> = fc.oneof(
  // billion laughs: each level a list of `width` aliases of the one before
  fc.record({ levels: fc.integer({ min: 2, max: 12 }), width: fc.integer({ min: 2, max: 12 }) }).map(({ levels, width }) => {
    let s = `${HEAD}variables:\n  l0: &l0 [lol, lol]\n`;
    for (let i = 1; i < levels; i++) s += `  l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]\n`;
    return s + TASK;
  }),
  // merge-key laughs
  fc.record({ levels: fc.integer({ min: 2, max: 20 }), width: fc.integer({ min: 2, max: 10 }) }).map(({ levels, width }) => {
    let s = `${HEAD}variables:\n  m0: &m0 {k: v}\n`;
    for (let i = 1; i < levels; i++) s += `  m${i}: &m${i}\n    <<: [${Array(width).fill(`*m${i - 1}`).join(', ')}]\n    k${i}: v\n`;
    return s + TASK;
  }),
  // many aliases of one scalar, undefined and recursive aliases
  fc.integer({ min: 1, max: 3_000 }).map((n) => `${HEAD}variables:\n  a: &a x\n${Array.from({ length: n }, (_, i) => `  b${i}: *a\n`).join('')}${TASK}`),
  fc.constantFrom(`${HEAD}tasks: *nope\n`, `${HEAD}tasks: &t\n  - *t\n`, `${HEAD}variables: &v\n  self: *v\n${TASK}`, `${HEAD}variables: {a: &a [*a]}\n${TASK}`),
  // deep nesting: block maps, block lists, flow lists and maps
  fc.record({ depth: fc.integer({ min: 50, max: 3_000 }), kind: fc.constantFrom('map', 'seq', 'flow', 'flowmap', 'compact') }).map(({ depth, kind }) => {
    const d = kind === 'map' || kind === 'seq' ? Math.min(depth, 700) : depth; // indentation grows as depth²
    if (kind === 'map') return `${HEAD}variables:\n${Array.from({ length: d }, (_, i) => `${' '.repeat(2 + i)}k${i}:\n`).join('')}${' '.repeat(2 + d)}v: 1\n${TASK}`;
    if (kind === 'seq') return `${HEAD}variables:\n  x:\n${Array.from({ length: d }, (_, i) => `${' '.repeat(2 + i)}-\n`).join('')}${TASK}`;
    if (kind === 'flow') return `${HEAD}variables: ${'['.repeat(d)}${']'.repeat(d)}\n${TASK}`;
    if (kind === 'flowmap') return `${HEAD}variables: ${'{a: '.repeat(d)}1${'}'.repeat(d)}\n${TASK}`;
    return `${HEAD}variables:\n  x: \n    ${'- '.repeat(d)}x\n${TASK}`;
  }),
  // huge maps and lists
  fc.record({ n: fc.integer({ min: 100, max: 4_000 }), where: fc.constantFrom('variables', 'root', 'task', 'tasks', 'inputs', 'labels') }).map(({ n, where }) => {
    const many = (f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');
    if (where === 'variables') return `${HEAD}variables:\n${many((i) => `  k${i}: v${i}\n`)}${TASK}`;
    if (where === 'root') return `${HEAD}${many((i) => `unknown${i}: v\n`)}${TASK}`;
    if (where === 'task') return `${HEAD}${TASK}${many((i) => `    prop${i}: v\n`)}`;
    if (where === 'tasks') return `${HEAD}tasks:\n${Array.from({ length: Math.min(n, 3_000) }, (_, i) => i).map((i) => `  - id: t${i % 50}\n    type: io.kestra.plugin.core.log.Lgo${i}\n`).join('')}`;
    if (where === 'inputs') return `${HEAD}inputs:\n${many((i) => `  - id: i${i % 100}\n    type: STRNG\n`)}${TASK}`;
    return `${HEAD}labels:\n${many((i) => `  system.k${i}: v\n`)}${TASK}`;
  }),
  // a quote or bracket left open on every line (each is an error the yaml library reports apart)
  fc.record({ n: fc.integer({ min: 10, max: 3_000 }), open: fc.constantFrom('"', "'", '[', '{', '{a: [') }).map(
    ({ n, open }) => `${HEAD}variables:\n${Array.from({ length: n }, (_, i) => `  k${i}: ${open}a\n`).join('')}${TASK}`,
  ),
  // long strings and keys
  fc.record({ n: fc.integer({ min: 1_000, max: 300_000 }), c: fc.constantFrom('a', ' ', '"', '\\', '{', '#', '蛇') }).map(({ n, c }) => {
    const long = c.repeat(n);
    return [logWith(long), `${HEAD}${TASK}    "${long.replace(/["\\]/g, 'x')}": 1\n`, `id: ${long.replace(/[^a]/g, 'a')}\nnamespace: x\n${TASK}`][n % 3];
  }),
  // templates: deep nesting, long chains, many errors, nested interpolation, tags, raw
  fc.record({ n: fc.integer({ min: 10, max: 9_000 }), kind: fc.integer({ min: 0, max: 9 }) }).map(({ n, kind }) => {
    const t = [
      `{{ ${'('.repeat(n)}1${')'.repeat(n)} }}`,
      `{{ ${Array(n).fill('a').join(' ~ ')} }}`,
      `{{ a${' | upper'.repeat(n)} }}`,
      `{{ ${'"#{'.repeat(Math.min(n, 500))}x${'}"'.repeat(Math.min(n, 500))} }}`,
      '{% if a %}'.repeat(Math.min(n, 2_000)),
      '{{ x | nope }} '.repeat(Math.min(n, 3_000)),
      `${' '.repeat(n * 10)}x{{- a }}`,
      '{% raw %}'.repeat(n),
      `{{ ${'not '.repeat(n)}a }}`,
      `{{ [${'1,'.repeat(n)}1] }}`,
    ][kind];
    return logWith(t);
  }),
);

test(`${HOSTILE_RUNS} hostile structures (alias bombs, deep nesting, huge maps, long strings, deep templates): a located error or warning, each within ${CASE_LIMIT_MS} ms`, () => {
  fc.assert(fc.property(hostile, (source) => check(source)), { seed: SEED, numRuns: HOSTILE_RUNS, endOnFailure: true, includeErrorInReport: true });
});

test('the issue\'s own cases, at full size, each get the located error it names', () => {
  const code = (source: string) => {
    check(source);
    const r = parseFlow(source);
    return [...r.errors, ...r.warnings].map((e) => e.code);
  };
  assert.ok(code(`${HEAD}tasks: *nope\n`).includes('yaml-alias-unknown'));
  assert.ok(code(`${HEAD}tasks: &t\n  - *t\n`).includes('yaml-alias-recursive'));
  let laughs = `${HEAD}variables:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < 10; i++) laughs += `  l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
  assert.ok(code(laughs + TASK).includes('yaml-alias-expansion'));
  let merge = `${HEAD}variables:\n  m0: &m0 {k: v}\n`;
  for (let i = 1; i < 20; i++) merge += `  m${i}: &m${i}\n    <<: [${Array(10).fill(`*m${i - 1}`).join(', ')}]\n`;
  assert.ok(code(merge + TASK).includes('yaml-alias-expansion'));
  assert.ok(code(`${HEAD}variables:\n${Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(2 + i)}k${i}:\n`).join('')}${TASK}`).includes('yaml-too-deep'));
  assert.ok(code(`${HEAD}variables: ${'{a: '.repeat(2_000)}1${'}'.repeat(2_000)}\n${TASK}`).includes('yaml-too-deep'));
  assert.ok(code(logWith(`{{ ${'('.repeat(2_600)}1${')'.repeat(2_600)} }}`)).includes('expression'));
  assert.ok(code(logWith(`{{ ${Array(4_300).fill('a').join(' ~ ')} }}`)).includes('expression'));
  assert.ok(code(logWith(`{{ a${' | upper'.repeat(8_200)} }}`)).includes('expression'));
  const many = parseFlow(logWith('{{ x | nope }} '.repeat(20_000))).warnings;
  assert.equal(many.length, 1, 'one warning for the string');
  assert.match(many[0].message, /\(and 19,997 more\)$/);
  const keys = parseFlow(`${HEAD}${Array.from({ length: 20_000 }, (_, i) => `unknown${i}: v\n`).join('')}${TASK}`).errors;
  assert.equal(keys.length, 201, 'the first 200 errors and one line for the rest');
  assert.equal(keys[200].code, 'too-many-problems');
  assert.equal(keys[200].params.count, '19,800');
});

test('the whole run stays within budget', () => {
  assert.ok(cases >= 5_000, `${cases} cases`);
  console.log(`# ${cases} flows validated; slowest ${slowest.ms.toFixed(0)} ms: ${JSON.stringify(slowest.sample)}`);
});
