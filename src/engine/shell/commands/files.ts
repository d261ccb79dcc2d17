import type { CommandContext } from '../CommandContext';
import { parseOptions } from './parseOptions';

export async function ls(c: CommandContext): Promise<number> {
  const { opts, operands } = parseOptions('ls', c.args, { flags: 'lah1Rrt', values: '' });
  const long = opts.has('l');
  let status = 0;
  const targets = operands.length ? operands : ['.'];
  for (const t of targets) {
    const file = c.fs.read(t);
    if (file) {
      await c.print(long ? `-rw-r--r-- 1 root root ${String(file.byteLength).padStart(9)} ${t}\n` : `${t}\n`);
      continue;
    }
    if (!c.fs.isDir(t)) {
      await c.error(`ls: cannot access '${t}': No such file or directory`);
      status = 2;
      continue;
    }
    if (targets.length > 1) await c.print(`${t}:\n`);
    const base = t === '.' ? '' : t.replace(/\/$/, '') + '/';
    const names = c.fs.list(t);
    if (long) {
      await c.print(`total ${names.length}\n`);
      for (const n of names) {
        const f = c.fs.read(base + n);
        await c.print(f ? `-rw-r--r-- 1 root root ${String(f.byteLength).padStart(9)} ${n}\n` : `drwxr-xr-x 2 root root      4096 ${n}\n`);
      }
    } else {
      for (const n of names) await c.print(`${n}\n`);
    }
  }
  return status;
}

export async function mkdir(c: CommandContext): Promise<number> {
  const { opts, operands } = parseOptions('mkdir', c.args, { flags: 'pv', values: 'm', long: { parents: 'p' } });
  if (!operands.length) {
    await c.error('mkdir: missing operand');
    return 1;
  }
  let status = 0;
  for (const d of operands) {
    try {
      c.fs.mkdir(d, opts.has('p'));
    } catch (e) {
      await c.error(`mkdir: ${(e as Error).message}`);
      status = 1;
    }
  }
  return status;
}

export async function rm(c: CommandContext): Promise<number> {
  const { opts, operands } = parseOptions('rm', c.args, { flags: 'rRfv', values: '', long: { recursive: 'r', force: 'f' } });
  const force = opts.has('f');
  if (!operands.length && !force) {
    await c.error('rm: missing operand');
    return 1;
  }
  let status = 0;
  for (const p of operands) {
    if (!c.fs.exists(p)) {
      if (!force) {
        await c.error(`rm: cannot remove '${p}': No such file or directory`);
        status = 1;
      }
      continue;
    }
    try {
      c.fs.remove(p, opts.has('r') || opts.has('R'));
    } catch (e) {
      await c.error(`rm: ${(e as Error).message}`);
      status = 1;
    }
  }
  return status;
}

async function copyOrMove(c: CommandContext, move: boolean): Promise<number> {
  const name = move ? 'mv' : 'cp';
  const { operands } = parseOptions(name, c.args, { flags: 'rRfiav', values: '' });
  if (operands.length < 2) {
    await c.error(`${name}: missing destination file operand after '${operands[0] ?? ''}'`);
    return 1;
  }
  const dest = operands[operands.length - 1];
  const sources = operands.slice(0, -1);
  const destIsDir = c.fs.isDir(dest);
  if (sources.length > 1 && !destIsDir) {
    await c.error(`${name}: target '${dest}' is not a directory`);
    return 1;
  }
  let status = 0;
  for (const s of sources) {
    const data = c.fs.read(s);
    if (!data) {
      await c.error(`${name}: cannot stat '${s}': ${c.fs.isDir(s) ? 'Is a directory (directories are not supported)' : 'No such file or directory'}`);
      status = 1;
      continue;
    }
    const target = destIsDir ? `${dest.replace(/\/$/, '')}/${s.slice(s.lastIndexOf('/') + 1)}` : dest;
    try {
      c.fs.write(target, data);
      if (move) c.fs.remove(s, false);
    } catch (e) {
      await c.error(`${name}: ${(e as Error).message}`);
      status = 1;
    }
  }
  return status;
}

export const cp = (c: CommandContext) => copyOrMove(c, false);
export const mv = (c: CommandContext) => copyOrMove(c, true);
