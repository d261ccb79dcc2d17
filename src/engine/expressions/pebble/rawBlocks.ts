/**
 * Kestra's `{% raw %}…{% endraw %}`, exactly as its VariableRenderer handles
 * it (Pebble itself has no `raw` tag; Kestra matches
 * `\{%-*\s*raw\s*-*%\}(.*?)\{%-*\s*endraw\s*-*%\}`): before Pebble sees the template, every
 * raw block on one line (Java's `.` does not cross a line break) is swapped
 * for a placeholder; after rendering, the whole raw block is put back; only
 * the outermost render strips the tags, so text inside survives `render()`.
 * Placeholders have the length of what they replace, so error offsets still
 * point into the original template.
 */
const RAW_OPEN = /\{%-*\s*raw\s*-*%\}/g;
const RAW_END = /\{%-*\s*endraw\s*-*%\}/g;
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/g;
const OPEN = '\uE000';
const FILL = '\uE001';
const CLOSE = '\uE002';
const PLACEHOLDER = /\uE000(\d+)\uE001*\uE002/g;

export interface ProtectedTemplate {
  text: string;
  blocks: string[];
}

interface RawBlock {
  start: number;
  end: number;
  body: string;
}

/**
 * Every raw block, as `/\{%-*\s*raw\s*-*%\}([^\n…]*?)\{%-*\s*endraw\s*-*%\}/g`
 * would find them, in linear time: that regular expression scans to the end
 * of the line for every `{% raw %}` that has no `{% endraw %}` after it on
 * its line, so a long line of them took seconds. The next end tag and the
 * next line break after a point are each searched once and reused while the
 * point has not passed them.
 */
function rawBlocks(text: string): RawBlock[] {
  const out: RawBlock[] = [];
  if (!text.includes('raw')) return out;
  let pos = 0;
  let end: { index: number; end: number } | null | undefined;
  let lineBreak: number | null | undefined;
  for (;;) {
    RAW_OPEN.lastIndex = pos;
    const open = RAW_OPEN.exec(text);
    if (!open) break;
    const bodyStart = open.index + open[0].length;
    if (end === undefined || (end !== null && end.index < bodyStart)) {
      RAW_END.lastIndex = bodyStart;
      const e = RAW_END.exec(text);
      end = e ? { index: e.index, end: e.index + e[0].length } : null;
    }
    if (end === null) break; // no end tag after this point: no later block either
    if (lineBreak === undefined || (lineBreak !== null && lineBreak < bodyStart)) {
      LINE_BREAK.lastIndex = bodyStart;
      const b = LINE_BREAK.exec(text);
      lineBreak = b ? b.index : null;
    }
    if (lineBreak !== null && lineBreak < end.index) {
      pos = open.index + 1; // the block would cross a line: this opening tag is text
      continue;
    }
    out.push({ start: open.index, end: end.end, body: text.slice(bodyStart, end.index) });
    pos = end.end;
  }
  return out;
}

/** `text` with each raw block replaced by what `replace` returns for it. */
function replaceRaw(text: string, replace: (whole: string, block: RawBlock) => string): string {
  const blocks = rawBlocks(text);
  if (!blocks.length) return text;
  let out = '';
  let pos = 0;
  for (const b of blocks) {
    out += text.slice(pos, b.start) + replace(text.slice(b.start, b.end), b);
    pos = b.end;
  }
  return out + text.slice(pos);
}

export function protectRaw(template: string): ProtectedTemplate {
  const blocks: string[] = [];
  const text = replaceRaw(template, (whole) => {
    const id = String(blocks.length);
    blocks.push(whole);
    return OPEN + id + FILL.repeat(Math.max(0, whole.length - id.length - 2)) + CLOSE;
  });
  return { text, blocks };
}

export function restoreRaw(output: string, blocks: string[]): string {
  if (!blocks.length) return output;
  return output.replace(PLACEHOLDER, (whole: string, id: string) => blocks[Number(id)] ?? whole);
}

/** What the outermost render does last: `{% raw %}x{% endraw %}` becomes `x`. */
export function stripRaw(output: string): string {
  return replaceRaw(output, (_, block) => block.body);
}
