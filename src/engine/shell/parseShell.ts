import type { AndOrList, Pipeline, Redirect, RedirectOp, Script, SimpleCommand, Word, WordPart } from './ast';
import { ShellSyntaxError } from './ShellSyntaxError';

type Token = { type: 'word'; word: Word } | { type: 'op'; op: string };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Splits shell source into words and operators, keeping quoting information. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let parts: WordPart[] | null = null;
  const pushText = (text: string, quoted: boolean) => {
    parts ??= [];
    const last = parts[parts.length - 1];
    if (last && last.kind === 'text' && last.quoted === quoted) last.text += text;
    else parts.push({ kind: 'text', text, quoted });
  };
  const endWord = () => {
    if (parts) tokens.push({ type: 'word', word: { parts } });
    parts = null;
  };
  const readVar = (quoted: boolean): boolean => {
    // at src[i] === '$'
    const next = src[i + 1];
    if (next === '{') {
      const close = src.indexOf('}', i + 2);
      if (close < 0) throw new ShellSyntaxError('missing } in ${…}');
      const name = src.slice(i + 2, close);
      if (!/^([A-Za-z_][A-Za-z0-9_]*|\?|#|\d)$/.test(name)) throw new ShellSyntaxError(`\${${name}}: only plain \${NAME} expansions are supported`);
      (parts ??= []).push({ kind: 'var', name, quoted });
      i = close + 1;
      return true;
    }
    if (next === '(') throw new ShellSyntaxError('command substitution $(…) is not supported by this shell');
    if (next === '?' || next === '#' || (next !== undefined && /\d/.test(next))) {
      (parts ??= []).push({ kind: 'var', name: next, quoted });
      i += 2;
      return true;
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(src);
    if (!m) return false;
    (parts ??= []).push({ kind: 'var', name: m[0], quoted });
    i += 1 + m[0].length;
    return true;
  };

  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
    } else if (c === '\n') {
      endWord();
      tokens.push({ type: 'op', op: ';' });
      i++;
    } else if (c === '#' && parts === null) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '\\') {
      if (src[i + 1] === '\n') i += 2;
      else {
        pushText(src[i + 1] ?? '', true);
        i += 2;
      }
    } else if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError("unterminated quoted string (missing ')");
      pushText(src.slice(i + 1, close), true);
      i = close + 1;
    } else if (c === '"') {
      i++;
      pushText('', true);
      while (true) {
        if (i >= src.length) throw new ShellSyntaxError('unterminated quoted string (missing ")');
        const d = src[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
          if (src[i + 1] !== '\n') pushText(src[i + 1], true);
          i += 2;
        } else if (d === '$' && readVar(true)) {
          // expansion added
        } else if (d === '`') {
          throw new ShellSyntaxError('command substitution `…` is not supported by this shell');
        } else {
          pushText(d, true);
          i++;
        }
      }
    } else if (c === '$') {
      if (!readVar(false)) {
        pushText('$', false);
        i++;
      }
    } else if (c === '`') {
      throw new ShellSyntaxError('command substitution `…` is not supported by this shell');
    } else if (c === '|' || c === '&' || c === ';' || c === '>' || c === '<' || c === '(' || c === ')') {
      // a lone digit word right before > is a file-descriptor prefix
      let fdPrefix = '';
      const p = parts as WordPart[] | null;
      if ((c === '>' || c === '<') && p && p.length === 1 && p[0].kind === 'text' && !p[0].quoted && /^[12]$/.test(p[0].text)) {
        fdPrefix = p[0].text;
        parts = null;
      }
      endWord();
      const two = src.slice(i, i + 2);
      const four = src.slice(i, i + 4);
      let op: string;
      if (fdPrefix === '2' && four.startsWith('>&1')) op = '2>&1';
      else if (fdPrefix === '2') op = two === '>>' ? '2>>' : '2>';
      else if (two === '>&' && src[i + 2] === '2') op = '>&2';
      else if (two === '&>') op = '&>';
      else if (['&&', '||', '>>', ';;'].includes(two)) op = two;
      else op = c;
      if (op === '(' || op === ')') throw new ShellSyntaxError('subshells ( … ) are not supported by this shell');
      if (op === '&') throw new ShellSyntaxError('background jobs (&) are not supported by this shell');
      if (op === ';;') throw new ShellSyntaxError('unexpected ;;');
      const consumed = op === '2>&1' ? 3 : op === '>&2' ? 3 : op === '2>' || op === '2>>' ? op.length - 1 : op.length;
      tokens.push({ type: 'op', op });
      i += consumed;
    } else {
      pushText(c, false);
      i++;
    }
  }
  endWord();
  return tokens;
}

const REDIRECTS = new Set(['>', '>>', '<', '2>', '2>>', '2>&1', '&>', '>&2']);

/** Parses a POSIX-shell subset: pipelines, &&, ||, ;, redirections, assignments. */
export function parseShell(src: string): Script {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (t: Token | undefined, ...ops: string[]) => t?.type === 'op' && ops.includes(t.op);

  const parseCommand = (): SimpleCommand => {
    const cmd: SimpleCommand = { assignments: [], words: [], redirects: [] };
    while (pos < tokens.length) {
      const t = peek();
      if (t.type === 'op') {
        if (!REDIRECTS.has(t.op)) break;
        pos++;
        const op = t.op as RedirectOp;
        if (op === '2>&1' || op === '>&2') {
          cmd.redirects.push({ op, target: null });
          continue;
        }
        const target = peek();
        if (!target || target.type !== 'word') throw new ShellSyntaxError(`missing file name after ${op}`);
        pos++;
        cmd.redirects.push({ op, target: target.word });
        continue;
      }
      pos++;
      const first = t.word.parts[0];
      const m = cmd.words.length === 0 && first?.kind === 'text' && !first.quoted ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text) : null;
      if (m) {
        const head = (first as { text: string }).text.slice(m[0].length);
        const rest: WordPart[] = [{ kind: 'text', text: head, quoted: false }, ...t.word.parts.slice(1)];
        cmd.assignments.push({ name: m[1], value: { parts: rest } });
      } else {
        cmd.words.push(t.word);
      }
    }
    return cmd;
  };

  const parsePipeline = (): Pipeline => {
    let negate = false;
    const t = peek();
    if (t?.type === 'word' && t.word.parts.length === 1 && t.word.parts[0].kind === 'text' && !t.word.parts[0].quoted && t.word.parts[0].text === '!') {
      negate = true;
      pos++;
    }
    const commands = [parseCommand()];
    while (isOp(peek(), '|')) {
      pos++;
      while (isOp(peek(), ';')) pos++; // a newline may follow |
      commands.push(parseCommand());
    }
    for (const c of commands) {
      if (!c.words.length && !c.assignments.length && !c.redirects.length) throw new ShellSyntaxError('missing command around |');
    }
    return { negate, commands };
  };

  const script: Script = [];
  while (pos < tokens.length) {
    if (isOp(peek(), ';')) {
      pos++;
      continue;
    }
    const list: AndOrList = { first: parsePipeline(), rest: [] };
    while (isOp(peek(), '&&', '||')) {
      const op = (peek() as { op: '&&' | '||' }).op;
      pos++;
      while (isOp(peek(), ';')) pos++; // a newline may follow && or ||
      list.rest.push({ op, pipeline: parsePipeline() });
    }
    const t = peek();
    if (t && !isOp(t, ';')) throw new ShellSyntaxError(`unexpected ${t.type === 'op' ? t.op : 'word'}`);
    script.push(list);
  }
  return script;
}
