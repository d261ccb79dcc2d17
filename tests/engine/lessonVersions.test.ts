/**
 * Lesson rules about Kestra versions and diagrams (src/content/docs):
 * every command a page shows pins the Kestra image (kestra/kestra:v0.20.7 or
 * v1.1, never latest or develop: issue 15; Kestra 2.0 rejects the course's
 * pluginDefaults, kestra.io/docs/migration-guide/v2.0.0), every API call in a
 * "Kestra 1.1" tab logs in (basic authentication is required since Kestra
 * 0.24, kestra.io/docs/migration-guide/v0.24.0), and every diagram a page
 * embeds exists in both languages with a title and an alt text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ROOT } from './runFlowFile';

const DOCS = resolve(ROOT, 'src/content/docs');
const ZH = join(DOCS, 'zh-tw');
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

test('every diagram exists in both languages, with a title, its size and an alt text, and each page shows its own language', () => {
  const problems: string[] = [];
  let seen = 0;
  for (const page of pages) {
    const zh = page.startsWith(ZH + '/');
    const src = readFileSync(page, 'utf8');
    for (const m of src.matchAll(/^import (\w+) from '(?:\.\.\/)+assets\/diagrams\/([\w-]+)\.(en|zh-TW)\.svg';$/gm)) {
      seen++;
      const [, name, base, lang] = m;
      if (lang !== (zh ? 'zh-TW' : 'en')) problems.push(`${rel(page)} shows ${base}.${lang}.svg; a ${zh ? 'zh-TW' : 'English'} page shows the ${zh ? 'zh-TW' : 'en'} file`);
      const img = src.match(new RegExp(`<img src=\\{${name}\\.src\\} alt="([^"]*)"`));
      if (!img || img[1].trim().length < 20) problems.push(`${rel(page)}: ${name} needs <img src={${name}.src} alt="…what it shows…">`);
      const files: Record<string, string> = {};
      for (const l of ['en', 'zh-TW']) {
        const file = join(DIAGRAMS, `${base}.${l}.svg`);
        if (!existsSync(file)) {
          problems.push(`src/assets/diagrams/${base}.${l}.svg is missing`);
          continue;
        }
        files[l] = readFileSync(file, 'utf8');
        if (!/<title[^>]*>[^<]+<\/title>/.test(files[l])) problems.push(`${base}.${l}.svg has no <title>`);
        if (!/<svg\b[^>]*\bwidth="\d+"[^>]*\bheight="\d+"/.test(files[l])) problems.push(`${base}.${l}.svg needs width and height attributes`);
      }
      const texts = (svg: string) => [...svg.matchAll(/<(?:text|title)\b[^>]*>([^<]*)</g)].map((t) => t[1]).join('\n');
      if (files.en && files['zh-TW'] && !/[\u4e00-\u9fff]/.test(texts(files['zh-TW']))) problems.push(`${base}.zh-TW.svg has no Chinese text`);
    }
  }
  assert.ok(seen > 0, 'no page embeds a diagram');
  assert.deepEqual(problems, []);
});
