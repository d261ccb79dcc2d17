import type { CommandContext } from '../CommandContext';
import { concatBytes, sourceOf, type ByteSource } from '../streams';
import { parseOptions } from './parseOptions';

const NL = 10;

/** The operands' contents in order (stdin when there are none, or for `-`); reports missing files. */
async function* inputs(c: CommandContext, files: string[], status: { code: number }): AsyncGenerator<{ name: string; source: ByteSource }> {
  if (!files.length) {
    yield { name: '-', source: c.stdin };
    return;
  }
  for (const f of files) {
    if (f === '-') {
      yield { name: '-', source: c.stdin };
      continue;
    }
    const data = c.fs.read(f);
    if (!data) {
      await c.error(`${c.name}: ${f}: ${c.fs.isDir(f) ? 'Is a directory' : 'No such file or directory'}`);
      status.code = 1;
      continue;
    }
    yield { name: f, source: sourceOf(data) };
  }
}

export async function cat(c: CommandContext): Promise<number> {
  const { operands } = parseOptions('cat', c.args, { flags: 'u', values: '' });
  const status = { code: 0 };
  for await (const { source } of inputs(c, operands, status)) for await (const chunk of source) await c.stdout.write(chunk);
  return status.code;
}

function count(args: string[]): { n: number; bytes: boolean; fromStart: boolean; rest: string[] } {
  const rest: string[] = [];
  let n = 10;
  let bytes = false;
  let fromStart = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const take = (v: string | undefined) => {
      if (v === undefined) throw new Error('option requires an argument');
      if (v.startsWith('+')) fromStart = true;
      const num = Number(v.replace(/^[+-]/, ''));
      if (!Number.isInteger(num)) throw new Error(`invalid number of lines: '${v}'`);
      n = num;
    };
    if (a === '-n' || a === '-c') {
      bytes = a === '-c';
      take(args[++i]);
    } else if (/^-[nc].+/.test(a)) {
      bytes = a[1] === 'c';
      take(a.slice(2));
    } else if (a.startsWith('--lines=')) take(a.slice(8));
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else rest.push(a);
  }
  return { n, bytes, fromStart, rest };
}

export async function head(c: CommandContext): Promise<number> {
  let opt: ReturnType<typeof count>;
  try {
    opt = count(c.args);
  } catch (e) {
    await c.error(`head: ${(e as Error).message}`);
    return 1;
  }
  const status = { code: 0 };
  for await (const { source } of inputs(c, opt.rest, status)) {
    let left = opt.n;
    if (left <= 0) continue;
    for await (const chunk of source) {
      if (opt.bytes) {
        const part = chunk.subarray(0, left);
        left -= part.byteLength;
        await c.stdout.write(part);
      } else {
        let end = chunk.byteLength;
        for (let i = 0; i < chunk.byteLength; i++) {
          if (chunk[i] === NL && --left === 0) {
            end = i + 1;
            break;
          }
        }
        await c.stdout.write(chunk.subarray(0, end));
      }
      if (left <= 0) break;
    }
  }
  return status.code;
}

export async function tail(c: CommandContext): Promise<number> {
  let opt: ReturnType<typeof count>;
  try {
    opt = count(c.args);
  } catch (e) {
    await c.error(`tail: ${(e as Error).message}`);
    return 1;
  }
  const status = { code: 0 };
  for await (const { source } of inputs(c, opt.rest, status)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of source) chunks.push(chunk);
    const all = concatBytes(chunks);
    if (opt.bytes) {
      await c.stdout.write(opt.fromStart ? all.subarray(Math.max(0, opt.n - 1)) : all.subarray(Math.max(0, all.byteLength - opt.n)));
      continue;
    }
    // line starts
    const starts = [0];
    for (let i = 0; i < all.byteLength - 1; i++) if (all[i] === NL) starts.push(i + 1);
    const from = opt.fromStart ? starts[Math.max(0, opt.n - 1)] ?? all.byteLength : starts[Math.max(0, starts.length - opt.n)] ?? 0;
    if (opt.n === 0 && !opt.fromStart) continue;
    await c.stdout.write(all.subarray(from));
  }
  return status.code;
}

export async function wc(c: CommandContext): Promise<number> {
  const { opts, operands } = parseOptions('wc', c.args, { flags: 'lwcm', values: '', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } });
  const show = opts.size ? ['l', 'w', 'c', 'm'].filter((k) => opts.has(k)) : ['l', 'w', 'c'];
  const status = { code: 0 };
  const rows: { counts: number[]; name: string }[] = [];
  for await (const { name, source } of inputs(c, operands, status)) {
    let lines = 0;
    let words = 0;
    let bytes = 0;
    let inWord = false;
    for await (const chunk of source) {
      bytes += chunk.byteLength;
      for (let i = 0; i < chunk.byteLength; i++) {
        const b = chunk[i];
        if (b === NL) lines++;
        const space = b === 32 || (b >= 9 && b <= 13);
        if (!space && !inWord) words++;
        inWord = !space;
      }
    }
    const all: Record<string, number> = { l: lines, w: words, c: bytes, m: bytes };
    rows.push({ counts: show.map((k) => all[k]), name: operands.length ? name : '' });
  }
  if (rows.length > 1) rows.push({ counts: rows[0].counts.map((_, i) => rows.reduce((s, r) => s + r.counts[i], 0)), name: 'total' });
  const single = rows.length === 1 && show.length === 1;
  for (const r of rows) await c.print((single ? String(r.counts[0]) : r.counts.map((n) => String(n).padStart(7)).join(' ')) + (r.name ? ` ${r.name}` : '') + '\n');
  return status.code;
}

function unescape(s: string): { text: string; stop: boolean } {
  let stop = false;
  const text = s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (_m, e: string) => {
    if (e === 'c') {
      stop = true;
      return '';
    }
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };
    if (e in map) return map[e];
    if (e[0] === '0') return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return '\\' + e;
  });
  return { text, stop };
}

export async function echo(c: CommandContext): Promise<number> {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < c.args.length && /^-[neE]+$/.test(c.args[i]); i++) {
    for (const f of c.args[i].slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = c.args.slice(i).join(' ');
  if (escapes) {
    const u = unescape(text);
    text = u.text;
    if (u.stop) newline = false;
  }
  await c.print(text + (newline ? '\n' : ''));
  return 0;
}

export async function printf(c: CommandContext): Promise<number> {
  if (!c.args.length) {
    await c.error('printf: usage: printf format [arguments]');
    return 2;
  }
  const [format, ...rest] = c.args;
  let args = rest;
  let out = '';
  do {
    let used = 0;
    out += format.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdifxXoc%b])|\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (m, flags: string, width: string, prec: string, conv: string, esc: string) => {
      if (esc !== undefined) return unescape('\\' + esc).text;
      if (conv === '%') return '%';
      const arg = args[used++] ?? '';
      let s: string;
      if (conv === 's' || conv === 'c' || conv === 'b') s = conv === 'b' ? unescape(arg).text : conv === 'c' ? arg.slice(0, 1) : prec ? arg.slice(0, Number(prec)) : arg;
      else if (conv === 'f') s = (Number(arg) || 0).toFixed(prec ? Number(prec) : 6);
      else if (conv === 'x' || conv === 'X') s = Math.trunc(Number(arg) || 0).toString(16)[conv === 'X' ? 'toUpperCase' : 'toLowerCase']();
      else if (conv === 'o') s = Math.trunc(Number(arg) || 0).toString(8);
      else s = String(Math.trunc(Number(arg) || 0));
      const w = Number(width || 0);
      if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && conv !== 's' ? '0' : ' ');
      return s;
    });
    args = args.slice(used);
    if (!used) break;
  } while (args.length);
  await c.print(out);
  return 0;
}

