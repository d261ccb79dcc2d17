/**
 * Lesson rules about Kestra versions and diagrams (src/content/docs):
 * every command a page shows pins the Kestra image (kestra/kestra:v0.20.7 or
 * v1.1, never latest or develop: issue 15; Kestra 2.0 rejects the course's
 * pluginDefaults, kestra.io/docs/migration-guide/v2.0.0), every API call in a
 * "Kestra 1.1" tab logs in (basic authentication is required since Kestra
 * 0.24, kestra.io/docs/migration-guide/v0.24.0), and every zh-TW diagram is
 * translated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ROOT } from './runFlowFile';

const DOCS = resolve(ROOT, 'src/content/docs');
const DIAGRAMS = resolve(ROOT, 'src/assets/diagrams');

function listPages(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listPages(full));
    else if (/\.(md|mdx)$/.test(name)) out.push(full);
  }
  return out.sort();
}
const pages = listPages(DOCS);
const rel = (f: string) => relative(ROOT, f);
const fences = (src: string) => src.match(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm) ?? [];

test('every command and Compose file on a page pins the Kestra image to a released version', () => {
  const problems: string[] = [];
  for (const page of pages) {
    for (const block of fences(readFileSync(page, 'utf8'))) {
      for (const m of block.matchAll(/kestra\/kestra(?::([^\s"'`]+))?/g)) {
        if (!m[1] || !/^v\d+\.\d+(\.\d+)?$/.test(m[1])) problems.push(`${rel(page)}: ${m[0]} (pin kestra/kestra:v0.20.7 or kestra/kestra:v1.1)`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('every Kestra API call shown for Kestra 1.1 logs in with curl -u', () => {
  const problems: string[] = [];
  let tabs = 0;
  for (const page of pages) {
    const src = readFileSync(page, 'utf8');
    for (const tab of src.matchAll(/<TabItem label="Kestra 1\.1[^"]*">([\s\S]*?)<\/TabItem>/g)) {
      tabs++;
      for (const block of fences(tab[1])) {
        for (const line of block.split('\n')) {
          if (/curl\b.*\/api\/v1\//.test(line) && !/\s-u\s+'[^']+:[^']+'/.test(line)) problems.push(`${rel(page)}: ${line.trim()}`);
        }
      }
    }
  }
  assert.ok(tabs > 0, 'no page has a "Kestra 1.1" tab');
  assert.deepEqual(problems, []);
});

test('every zh-TW diagram is translated: its texts carry Chinese', () => {
  // content.test.ts checks that both files exist, with a title and alt text; this checks the zh-TW one is not the English copy
  const files = readdirSync(DIAGRAMS).filter((f) => f.endsWith('.zh-TW.svg'));
  assert.ok(files.length > 0, 'no zh-TW diagram');
  const untranslated = files.filter((f) => {
    const svg = readFileSync(join(DIAGRAMS, f), 'utf8');
    const texts = [...svg.matchAll(/<(?:text|tspan|title)\b[^>]*>([^<]*)</g)].map((t) => t[1]).join('\n');
    return !/[\u4e00-\u9fff]/.test(texts);
  });
  assert.deepEqual(untranslated, []);
});
