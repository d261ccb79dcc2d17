// @ts-check
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy } from '../security/contentSecurityPolicy.mjs';

/**
 * Every HTML file under `dir`.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function htmlFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/**
 * Adds the Content-Security-Policy <meta> to a page: its inline scripts by hash, no 'unsafe-eval'.
 * @param {string} html
 */
export function withPolicy(html) {
  const hashes = new Set();
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    if (m[1].length) hashes.add(createHash('sha256').update(m[1], 'utf8').digest('base64'));
  }
  const policy = contentSecurityPolicy([...hashes]).replace(/'/g, '&#39;');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
  if (charset) return html.slice(0, charset.index + charset[0].length) + meta + html.slice(charset.index + charset[0].length);
  return html.replace(/<head>/i, `<head>${meta}`);
}

/**
 * After the build, every page gets the site's policy as a <meta>, and
 * `_headers` (read by Netlify and Cloudflare Pages) sends it as a header for
 * everything else, the engine's worker included.
 */
export default function cspIntegration() {
  return {
    name: 'content-security-policy',
    hooks: {
      'astro:build:done': async (/** @type {{ dir: URL }} */ { dir }) => {
        const root = fileURLToPath(dir);
        for (const file of await htmlFiles(root)) {
          await writeFile(file, withPolicy(await readFile(file, 'utf8')));
        }
        const header = `  Content-Security-Policy: ${contentSecurityPolicy()}\n  X-Content-Type-Options: nosniff\n`;
        // every script that is not a page: the engine's worker, Python's and DuckDB's
        await writeFile(join(root, '_headers'), ['/_astro/*', '/pyodide/*', '/duckdb/*'].map((p) => `${p}\n${header}`).join(''));
      },
    },
  };
}
