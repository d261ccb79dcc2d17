import type { Pipeline, Redirect, SimpleCommand } from './ast';
import type { CommandContext } from './CommandContext';
import { COMMANDS } from './commands';
import { expandWord } from './expandWord';
import { parseShell } from './parseShell';
import { NoSpaceLeft, ShellFs } from './ShellFs';
import { systemClock } from '../runtime/Clock';
import { BrokenPipe, CollectSink, EMPTY_SOURCE, Pipe, sourceOf, type ByteSink, type ByteSource } from './streams';

export interface ShellOptions {
  fs: ShellFs;
  env: Record<string, string>;
  fetch: (url: string, signal?: AbortSignal) => Promise<Response>;
  signal: AbortSignal;
  /** Waits `ms` (the engine's clock, so long sleeps do not overflow and tests run on virtual time). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  stdout: ByteSink;
  stderr: ByteSink;
  /** `set -e`: stop at the first failing command (Kestra's failFast). */
  errexit?: boolean;
}

const BUILTINS = ['cd', 'export', 'set', 'unset', 'exit', ':'];
const encoder = new TextEncoder();
const DISCARD: ByteSink = { write: async () => {} };

class ExitSignal {
  constructor(readonly code: number) {}
}

/** The commands this shell can run, for error messages. */
export function supportedCommands(): string[] {
  return [...Object.keys(COMMANDS), ...BUILTINS].sort();
}

/**
 * Runs a POSIX-shell subset in a task's in-memory working directory:
 * pipelines, &&, ||, ;, redirections (> >> < 2> 2>&1 &>), quoting,
 * $VAR / ${VAR}, assignments, and the commands in COMMANDS. Returns the
 * exit status of the last command, like `sh -c`.
 */
export async function runShell(source: string, o: ShellOptions): Promise<number> {
  const shell = new Shell(o);
  let script;
  try {
    script = parseShell(source);
  } catch (e) {
    await o.stderr.write(encoder.encode(`${(e as Error).message}\n`));
    return 2;
  }
  try {
    for (const list of script) {
      if (o.signal.aborted) return 130;
      let status = await shell.pipeline(list.first);
      let lastRan = 0;
      for (let i = 0; i < list.rest.length; i++) {
        const { op, pipeline } = list.rest[i];
        if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) {
          status = await shell.pipeline(pipeline);
          lastRan = i + 1;
        }
      }
      shell.status = status;
      if (status !== 0 && shell.errexit && lastRan === list.rest.length) return status;
    }
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    throw e;
  }
  return shell.status;
}

class Shell {
  status = 0;
  errexit: boolean;
  pipefail = false;
  xtrace = false;
  constructor(private readonly o: ShellOptions) {
    this.errexit = o.errexit ?? false;
  }

  private lookup = (name: string): string => (name === '?' ? String(this.status) : name === '#' ? '0' : (this.o.env[name] ?? ''));

  async pipeline(p: Pipeline): Promise<number> {
    let statuses: number[];
    if (p.commands.length === 1) {
      statuses = [await this.command(p.commands[0], EMPTY_SOURCE, this.o.stdout)];
    } else {
      const pipes = p.commands.slice(1).map(() => new Pipe());
      statuses = await Promise.all(
        p.commands.map(async (cmd, i) => {
          const stdin = i === 0 ? EMPTY_SOURCE : pipes[i - 1];
          const stdout = i === p.commands.length - 1 ? this.o.stdout : pipes[i];
          try {
            return await this.command(cmd, stdin, stdout);
          } finally {
            if (i < pipes.length) pipes[i].close();
            if (i > 0) pipes[i - 1].cancel();
          }
        }),
      );
    }
    let status = statuses[statuses.length - 1];
    if (this.pipefail) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
    if (p.negate) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  private async openRedirects(redirects: Redirect[], stdin: ByteSource, stdout: ByteSink): Promise<{ stdin: ByteSource; stdout: ByteSink; stderr: ByteSink; finish: () => void } | number> {
    let out = stdout;
    let err = this.o.stderr;
    const files: { path: string; sink: CollectSink; append: boolean }[] = [];
    const target = (r: Redirect) => expandWord(r.target!, this.lookup, null)[0];
    const fileSink = (path: string, append: boolean): ByteSink => {
      if (path === '/dev/null') return DISCARD;
      if (path === '/dev/stderr') return this.o.stderr;
      if (path === '/dev/stdout') return stdout;
      if (!append) this.o.fs.write(path, new Uint8Array()); // truncate first, like the shell
      const fs = this.o.fs;
      const sink = new CollectSink(fs.remaining, (size) => new NoSpaceLeft(path, fs.bytes + size, fs.maxBytes));
      files.push({ path, sink, append });
      return sink;
    };
    try {
      for (const r of redirects) {
        if (r.op === '>' || r.op === '>>') out = fileSink(target(r), r.op === '>>');
        else if (r.op === '2>' || r.op === '2>>') err = fileSink(target(r), r.op === '2>>');
        else if (r.op === '&>') out = err = fileSink(target(r), false);
        else if (r.op === '2>&1') err = out;
        else if (r.op === '>&2') out = err;
        else if (r.op === '<') {
          const path = target(r);
          const data = this.o.fs.read(path);
          if (!data) throw new Error(`${path}: No such file or directory`);
          stdin = sourceOf(data);
        }
      }
    } catch (e) {
      await this.o.stderr.write(encoder.encode(`sh: ${(e as Error).message}\n`));
      return 1;
    }
    const finish = () => {
      for (const f of files) {
        const prev = f.append ? (this.o.fs.read(f.path) ?? new Uint8Array()) : new Uint8Array();
        const data = f.sink.bytes();
        const merged = new Uint8Array(prev.byteLength + data.byteLength);
        merged.set(prev);
        merged.set(data, prev.byteLength);
        this.o.fs.write(f.path, merged);
      }
    };
    return { stdin, stdout: out, stderr: err, finish };
  }

  private async command(cmd: SimpleCommand, stdin: ByteSource, stdout: ByteSink): Promise<number> {
    const args = cmd.words.flatMap((w) => expandWord(w, this.lookup, this.o.fs));
    const assigned = cmd.assignments.map((a) => [a.name, expandWord(a.value, this.lookup, null)[0]] as const);
    if (!args.length) {
      for (const [k, v] of assigned) this.o.env[k] = v;
      const io = await this.openRedirects(cmd.redirects, stdin, stdout);
      if (typeof io === 'number') return io;
      io.finish();
      return 0;
    }
    const io = await this.openRedirects(cmd.redirects, stdin, stdout);
    if (typeof io === 'number') return io;
    const [name, ...rest] = args;
    const env = assigned.length ? { ...this.o.env, ...Object.fromEntries(assigned) } : this.o.env;
    if (this.xtrace) await this.o.stderr.write(encoder.encode(`+ ${args.join(' ')}\n`));
    const ctx: CommandContext = {
      name,
      args: rest,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      env,
      fs: this.o.fs,
      fetch: this.o.fetch,
      signal: this.o.signal,
      sleep: this.o.sleep ?? systemClock.sleep,
      error: (text) => io.stderr.write(encoder.encode(text + '\n')),
      print: (text) => io.stdout.write(encoder.encode(text)),
    };
    let status: number;
    try {
      status = await this.run(ctx);
    } catch (e) {
      if (e instanceof ExitSignal) throw e;
      if (e instanceof BrokenPipe) status = 141;
      else {
        await ctx.error((e as Error).message.startsWith(name) ? (e as Error).message : `${name}: ${(e as Error).message}`).catch(() => undefined);
        status = 1;
      }
    }
    io.finish();
    return status;
  }

  private async run(c: CommandContext): Promise<number> {
    switch (c.name) {
      case ':':
        return 0;
      case 'exit':
        throw new ExitSignal(c.args.length ? Number(c.args[0]) || 0 : this.status);
      case 'export':
        for (const a of c.args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.o.env[a.slice(0, eq)] = a.slice(eq + 1);
        }
        return 0;
      case 'unset':
        for (const a of c.args) delete this.o.env[a];
        return 0;
      case 'cd': {
        const dir = c.args[0] ?? '.';
        if (dir === '.' || dir === (this.o.env.PWD ?? '')) return 0;
        await c.error(`sh: cd: ${dir}: changing directory is not supported by the browser shell; use paths relative to the working directory`);
        return 2;
      }
      case 'set':
        for (let i = 0; i < c.args.length; i++) {
          const a = c.args[i];
          const on = a.startsWith('-');
          if (a === '-o' || a === '+o') {
            const opt = c.args[++i];
            if (opt === 'pipefail') this.pipefail = on;
            else if (opt === 'errexit') this.errexit = on;
            continue;
          }
          for (const f of a.slice(1)) {
            if (f === 'e') this.errexit = on;
            else if (f === 'x') this.xtrace = on;
          }
        }
        return 0;
    }
    const impl = COMMANDS[c.name];
    if (!impl) {
      await c.error(`sh: ${c.name}: command not found. This flow runs in the playground's browser shell, which can run: ${supportedCommands().join(', ')}.`);
      return 127;
    }
    return impl(c);
  }
}

export { ShellFs };
