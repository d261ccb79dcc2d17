import type { Word } from './ast';
import type { ShellFs } from './ShellFs';
import { globToRegExp, hasGlob } from './globToRegExp';

/** Expands `$VAR` in a word (no field splitting) and, for unquoted glob characters, matches working-directory paths. */
export function expandWord(word: Word, lookup: (name: string) => string, fs: ShellFs | null): string[] {
  let text = '';
  let pattern = '';
  let globbing = false;
  for (const p of word.parts) {
    const value = p.kind === 'var' ? lookup(p.name) : p.text;
    text += value;
    if (p.kind === 'text' && !p.quoted && hasGlob(value)) {
      globbing = true;
      pattern += value;
    } else {
      pattern += value.replace(/[*?[\]{}\\]/g, (c) => `[${c}]`);
    }
  }
  if (!globbing || !fs) return [text];
  const re = globToRegExp(pattern.replace(/^\.\//, ''));
  const candidates = new Set<string>([...fs.allFiles(), ...[...fs.dirs].filter((d) => d && !d.startsWith('/'))]);
  const matches = [...candidates].filter((p) => re.test(p) && !p.split('/').pop()!.startsWith('.')).sort();
  return matches.length ? matches : [text];
}
