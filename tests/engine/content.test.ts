/**
 * Content checks for the lesson pages (src/content/docs): every English page
 * has a zh-TW twin with the same shape, no page carries unfinished-work
 * markers or mojibake, and every flow a page embeds exists and validates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseFlow } from '../../src/engine';
import { ROOT } from './runFlowFile';

const DOCS = resolve(ROOT, 'src/content/docs');
const ZH = join(DOCS, 'zh-tw');
const FLOWS = resolve(ROOT, 'flows');
const PAGE_EXT = /\.(md|mdx)$/;

function listPages(dir: string, skip?: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (full === skip) continue;
    if (statSync(full).isDirectory()) out.push(...listPages(full));
    else if (PAGE_EXT.test(name)) out.push(full);
  }
  return out.sort();
}

/** Page id without the extension, relative to its language root. */
const pageId = (root: string, file: string) => relative(root, file).replace(PAGE_EXT, '');

const enPages = listPages(DOCS, ZH);
const zhPages = listPages(ZH);
const allPages = [...enPages, ...zhPages];
const rel = (f: string) => relative(ROOT, f);

/** The page body with fenced code blocks removed (so `##` inside code is not a heading). */
function stripFences(src: string): string {
  return src.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
}

interface Shape {
  sections: number;
  subsections: number;
  codeBlocks: number;
  playgrounds: string[];
  listings: string[];
  exercises: number;
}

function shapeOf(src: string): Shape {
  const body = stripFences(src.replace(/^---\n[\s\S]*?\n---\n/, ''));
  const fences = src.match(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm) ?? [];
  const flowsOf = (tag: string) => [...body.matchAll(new RegExp(`<${tag}\\b[^>]*\\bflow="([^"]+)"`, 'g'))].map((m) => m[1]);
  return {
    sections: (body.match(/^## /gm) ?? []).length,
    subsections: (body.match(/^### /gm) ?? []).length,
    codeBlocks: fences.length,
    playgrounds: flowsOf('FlowPlayground'),
    listings: flowsOf('FlowListing'),
    exercises: (body.match(/<details\b/g) ?? []).length,
  };
}

test('the lesson pages exist in both languages', () => {
  assert.ok(enPages.length >= 8, `expected the lessons, glossary, run-on-kestra and 404 pages, found ${enPages.length}`);
  const enIds = enPages.map((f) => pageId(DOCS, f));
  const zhIds = zhPages.map((f) => pageId(ZH, f));
  for (const id of ['index', 'what-is-orchestration', 'learn-kestra', 'etl-postgres', 'scheduling-backfills', 'dbt', 'glossary', 'run-on-kestra', '404']) {
    assert.ok(enIds.includes(id), `missing English page ${id}`);
  }
  assert.deepEqual(zhIds, enIds, 'every English page needs a zh-TW twin and the other way round');
});

test('twin pages have the same sections, code blocks, playgrounds, listings and exercises', () => {
  for (const en of enPages) {
    const id = pageId(DOCS, en);
    const zh = zhPages.find((f) => pageId(ZH, f) === id);
    if (!zh) continue; // reported by the test above
    const a = shapeOf(readFileSync(en, 'utf8'));
    const b = shapeOf(readFileSync(zh, 'utf8'));
    assert.deepEqual(b, a, `${rel(zh)} does not match ${rel(en)}`);
  }
});

test('every exercise has a revealable answer', () => {
  for (const page of allPages) {
    const body = stripFences(readFileSync(page, 'utf8'));
    const opened = (body.match(/<details\b/g) ?? []).length;
    const closed = (body.match(/<\/details>/g) ?? []).length;
    const summaries = (body.match(/<summary>/g) ?? []).length;
    assert.equal(closed, opened, `${rel(page)}: unbalanced <details>`);
    assert.equal(summaries, opened, `${rel(page)}: every <details> needs a <summary>`);
  }
});

test('lessons 2.2.1 to 2.2.5 end with a recap and a link onward', () => {
  const order = ['what-is-orchestration', 'learn-kestra', 'etl-postgres', 'scheduling-backfills', 'dbt'];
  for (const [root, pages] of [[DOCS, enPages], [ZH, zhPages]] as const) {
    order.forEach((id, i) => {
      const file = pages.find((f) => pageId(root, f) === id);
      assert.ok(file, `missing ${id}`);
      const src = readFileSync(file, 'utf8');
      const headings = [...stripFences(src).matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      assert.match(headings.at(-1) ?? '', /Recap|重點回顧/, `${rel(file)}: the last section should be the recap`);
      const next = order[i + 1] ?? 'run-on-kestra';
      assert.ok(src.includes(`../${next}/`), `${rel(file)}: should link to ../${next}/`);
    });
  }
});

test('no page carries unfinished-work markers', () => {
  const forbidden = /\b(TBD|TODO|FIXME|XXX|placeholder|lorem ipsum|lorem)\b/i;
  for (const page of allPages) {
    const src = readFileSync(page, 'utf8');
    const m = src.match(forbidden);
    assert.equal(m, null, `${rel(page)} contains "${m?.[0]}"`);
  }
});

test('no mojibake or replacement characters', () => {
  // UTF-8 read as Latin-1 / Windows-1252 (Ã©, â€™, ï¼Œ, Â ), a BOM, U+FFFD.
  const mojibake = /Ã.|â€|ï¼|ï»¿|Â[\s\u00a0-\u00bf]|\uFFFD|\uFEFF/;
  for (const page of allPages) {
    const src = readFileSync(page, 'utf8');
    const m = src.match(mojibake);
    assert.equal(m, null, `${rel(page)} contains mojibake near "${m ? src.slice(Math.max(0, m.index! - 20), m.index! + 20) : ''}"`);
  }
});

/** Diagrams a page imports: `import name from '…/assets/diagrams/<diagram>.<lang>.svg'`. */
function diagramsOf(src: string): { diagram: string; lang: string }[] {
  return [...src.matchAll(/^import\s+\w+\s+from\s+'[./]*\/assets\/diagrams\/([\w-]+)\.(en|zh-TW)\.svg';/gm)].map((m) => ({ diagram: m[1], lang: m[2] }));
}

test('diagrams exist in both languages, each page imports its own language, and every image has alt text', () => {
  const DIAGRAMS = resolve(ROOT, 'src/assets/diagrams');
  const problems: string[] = [];
  for (const page of allPages) {
    const src = readFileSync(page, 'utf8');
    const want = zhPages.includes(page) ? 'zh-TW' : 'en';
    for (const { diagram, lang } of diagramsOf(src)) {
      if (lang !== want) problems.push(`${rel(page)} imports ${diagram}.${lang}.svg; this page needs ${diagram}.${want}.svg`);
      for (const l of ['en', 'zh-TW']) {
        const file = join(DIAGRAMS, `${diagram}.${l}.svg`);
        if (!existsSync(file)) problems.push(`src/assets/diagrams/${diagram}.${l}.svg is missing (${rel(page)} uses the diagram)`);
        else if (!/<svg\b[^>]*\bwidth="\d+"[^>]*\bheight="\d+"[\s\S]*<title\b[^>]*>[^<]+<\/title>/.test(readFileSync(file, 'utf8')))
          problems.push(`src/assets/diagrams/${diagram}.${l}.svg needs width and height on <svg> and a <title>`);
      }
    }
    for (const img of stripFences(src).match(/<img\b[^>]*>/g) ?? []) {
      if (!/\balt="[^"]{10,}"/.test(img)) problems.push(`${rel(page)}: ${img.slice(0, 80)}… needs an alt text that says what the image shows`);
    }
  }
  for (const en of enPages) {
    const zh = zhPages.find((f) => pageId(ZH, f) === pageId(DOCS, en));
    if (!zh) continue;
    const names = (f: string) => diagramsOf(readFileSync(f, 'utf8')).map((d) => d.diagram);
    assert.deepEqual(names(zh), names(en), `${rel(zh)} and ${rel(en)} should show the same diagrams`);
  }
  assert.deepEqual(problems, []);
});

test('zh-TW pages are written in Traditional Chinese', () => {
  // Characters that exist only in Simplified Chinese (their Traditional forms differ).
  const onlySimplified = /[们这时说为对发现进据库务设请将间览节输关门应该开从图执]/u;
  for (const page of zhPages) {
    const body = stripFences(readFileSync(page, 'utf8'));
    const m = body.match(onlySimplified);
    assert.equal(m, null, `${rel(page)} contains the Simplified character "${m?.[0]}"`);
  }
});

test('relative links only: no page links to an absolute site path', () => {
  for (const page of allPages) {
    const body = stripFences(readFileSync(page, 'utf8'));
    const abs = body.match(/\]\(\/[^)]*\)|href="\/[^"]*"|link:\s*\/\S*/);
    assert.equal(abs, null, `${rel(page)} has an absolute link ${abs?.[0]}; use a relative one such as ../glossary/`);
  }
});

test('every flow a page embeds exists in flows/ and passes validation', () => {
  const used = new Set<string>();
  for (const page of allPages) {
    const s = shapeOf(readFileSync(page, 'utf8'));
    for (const f of [...s.playgrounds, ...s.listings]) used.add(f);
  }
  assert.ok(used.size > 0, 'no page embeds a flow');
  const problems: string[] = [];
  for (const name of [...used].sort()) {
    const file = join(FLOWS, `${name}.yaml`);
    if (!existsSync(file)) {
      problems.push(`flows/${name}.yaml does not exist`);
      continue;
    }
    const parsed = parseFlow(readFileSync(file, 'utf8'));
    for (const e of parsed.errors) problems.push(`flows/${name}.yaml ${e.line}:${e.column} ${e.message}`);
    if (parsed.flow && parsed.flow.id !== name) problems.push(`flows/${name}.yaml has id ${parsed.flow.id}; the file name and the id should agree`);
  }
  assert.deepEqual(problems, []);
});

test('trigger dates are written as Kestra writes them: with seconds before the offset (2019-01-01T09:00:00Z)', () => {
  // Kestra serialises trigger.date/next/previous with ISO_OFFSET_DATE_TIME (src/engine/triggers/formatTriggerDate.ts),
  // which always has seconds; `2019-01-01T09:00Z` is Java's ZonedDateTime.toString(), not what a flow sees.
  const short = /\b\d{4}-\d\d-\d\dT\d\d:\d\d(?=Z|[+-]\d\d:\d\d)/;
  for (const page of allPages) {
    const src = readFileSync(page, 'utf8');
    const m = src.match(short);
    assert.equal(m, null, `${rel(page)} writes the timestamp "${m?.[0]}…" without seconds; Kestra writes e.g. 2019-01-01T09:00:00Z`);
  }
});

/** The `<Exercise … />` tags of a page (outside code blocks), whitespace collapsed. */
function exercisesOf(src: string): string[] {
  return [...stripFences(src).matchAll(/<Exercise\b[\s\S]*?\/>/g)].map((m) => m[0].replace(/\s+/g, ' '));
}
const attr = (tag: string, name: string) => tag.match(new RegExp(`\\b${name}="([^"]+)"`))?.[1];

test('twin pages carry the same exercises (flows, inputs, backfills and expected answers)', () => {
  for (const en of enPages) {
    const zh = zhPages.find((f) => pageId(ZH, f) === pageId(DOCS, en));
    if (!zh) continue;
    assert.deepEqual(exercisesOf(readFileSync(zh, 'utf8')), exercisesOf(readFileSync(en, 'utf8')), `${rel(zh)} and ${rel(en)} differ in their <Exercise> tags`);
  }
});

test("every exercise loads into a playground of its page, and its flows exist, validate and keep that playground's flow id and namespace", () => {
  const problems: string[] = [];
  for (const page of allPages) {
    const src = readFileSync(page, 'utf8');
    const playgrounds = shapeOf(src).playgrounds;
    for (const tag of exercisesOf(src)) {
      const playground = attr(tag, 'playground');
      if (!playground || !playgrounds.includes(playground)) {
        problems.push(`${rel(page)}: ${tag} loads into playground "${playground}", which the page does not embed`);
        continue;
      }
      const target = parseFlow(readFileSync(join(FLOWS, `${playground}.yaml`), 'utf8')).flow;
      for (const name of [attr(tag, 'start'), attr(tag, 'solution')]) {
        if (!name) continue;
        const file = join(FLOWS, 'exercises', `${name}.yaml`);
        if (!existsSync(file)) {
          problems.push(`${rel(page)}: flows/exercises/${name}.yaml does not exist`);
          continue;
        }
        const parsed = parseFlow(readFileSync(file, 'utf8'));
        for (const e of parsed.errors) problems.push(`flows/exercises/${name}.yaml ${e.line}:${e.column} ${e.message}`);
        if (parsed.flow && target && (parsed.flow.id !== target.id || parsed.flow.namespace !== target.namespace)) {
          problems.push(`flows/exercises/${name}.yaml is ${parsed.flow.namespace}.${parsed.flow.id}; it loads into ${target.namespace}.${target.id} and should keep that id and namespace`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});
