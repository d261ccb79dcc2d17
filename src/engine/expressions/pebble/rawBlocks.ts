/**
 * Kestra's `{% raw %}…{% endraw %}`, exactly as its VariableRenderer handles
 * it (Pebble itself has no `raw` tag): before Pebble sees the template, every
 * raw block on one line (Java's `.` does not cross a line break) is swapped
 * for a placeholder; after rendering, the whole raw block is put back; only
 * the outermost render strips the tags, so text inside survives `render()`.
 * Placeholders have the length of what they replace, so error offsets still
 * point into the original template.
 */
const RAW = /\{%-*\s*raw\s*-*%\}([^\n\r\u0085\u2028\u2029]*?)\{%-*\s*endraw\s*-*%\}/g;
const OPEN = '\uE000';
const FILL = '\uE001';
const CLOSE = '\uE002';
const PLACEHOLDER = /\uE000(\d+)\uE001*\uE002/g;

export interface ProtectedTemplate {
  text: string;
  blocks: string[];
}

export function protectRaw(template: string): ProtectedTemplate {
  const blocks: string[] = [];
  const text = template.replace(RAW, (whole: string) => {
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
  return output.includes('raw') ? output.replace(RAW, '$1') : output;
}
