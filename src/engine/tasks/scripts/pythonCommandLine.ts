import { parseShell } from '../../shell/parseShell';
import { expandWord } from '../../shell/expandWord';
import type { PythonCommand } from '../../python/PythonRuntime';

/** A line of `commands` or `beforeCommands`, understood. */
export type PythonLine = { kind: 'python'; command: PythonCommand } | { kind: 'pip'; packages: string[]; requirements: string[] };

/** Flags of `python` that take no value and change nothing here (-u unbuffered, -B no .pyc, …). */
const PLAIN_FLAGS = new Set(['-u', '-B', '-O', '-OO', '-s', '-S', '-E', '-I', '-q', '-b', '-bb', '-d', '-v']);
/** Flags of `python` followed by a value that changes nothing here. */
const VALUE_FLAGS = new Set(['-W', '-X']);
/** pip options without a value. */
const PIP_FLAGS = /^(-q|--quiet|-qq|-v|--verbose|-U|--upgrade|--user|--no-cache-dir|--break-system-packages|--disable-pip-version-check|--no-warn-script-location|--pre|--no-deps|--force-reinstall|--ignore-installed|-I|--root-user-action=\S+|--progress-bar=\S+|--no-input)$/;

export class CommandLineError extends Error {}

/**
 * Reads one command line of a Python task: `python …` (or `python3`) with a
 * file, `-c code` or `-m module`, and `pip install …` (also `pip3`,
 * `python -m pip install`, `uv pip install`). `$VARS` expand from `env`;
 * `&&` and `;` join commands. Anything else cannot run here, and says so.
 */
export function parsePythonLines(line: string, env: Record<string, string>): PythonLine[] {
  let script;
  try {
    script = parseShell(line);
  } catch (e) {
    throw new CommandLineError(`Cannot read the command \`${line}\`: ${(e as Error).message}`);
  }
  const out: PythonLine[] = [];
  for (const list of script) {
    if (list.rest.some((r) => r.op !== '&&')) throw new CommandLineError(`\`||\` is not supported in a Python task's commands here: \`${line}\``);
    for (const pipeline of [list.first, ...list.rest.map((r) => r.pipeline)]) {
      if (pipeline.negate || pipeline.commands.length !== 1) throw new CommandLineError(`Pipes are not supported in a Python task's commands here: \`${line}\``);
      const cmd = pipeline.commands[0];
      if (cmd.redirects.length) throw new CommandLineError(`Redirections (\`>\`, \`<\`, \`2>\`) are not supported in a Python task's commands here; write files from Python instead: \`${line}\``);
      if (cmd.assignments.length) throw new CommandLineError(`Variable assignments before a command are not supported here; use the task's \`env\`: \`${line}\``);
      const words = cmd.words.flatMap((w) => expandWord(w, (name) => env[name] ?? '', null));
      if (words.length) out.push(readWords(words, line));
    }
  }
  return out;
}

function readWords(words: string[], line: string): PythonLine {
  const [program, ...args] = words;
  const base = program.slice(program.lastIndexOf('/') + 1);
  if (base === 'pip' || base === 'pip3') return readPip(args, line);
  if (base === 'uv' && args[0] === 'pip') return readPip(args.slice(1), line);
  if (!/^python(3(\.\d+)?)?$/.test(base)) {
    throw new CommandLineError(
      `\`${program}\` cannot run here: a Python task in the playground runs \`python …\` and \`pip install …\` commands, in Pyodide (Python compiled to WebAssembly), with no shell around them: \`${line}\``,
    );
  }
  let i = 0;
  while (i < args.length) {
    const a = args[i];
    if (PLAIN_FLAGS.has(a)) i++;
    else if (VALUE_FLAGS.has(a)) i += 2;
    else if (/^-[WX]./.test(a)) i++;
    else break;
  }
  const first = args[i];
  if (first === undefined) throw new CommandLineError(`\`${line}\` starts an interactive Python, which a task cannot use; give a script file, \`-c code\` or \`-m module\``);
  if (first === '-c') {
    if (args[i + 1] === undefined) throw new CommandLineError(`\`python -c\` needs the code to run: \`${line}\``);
    return { kind: 'python', command: { kind: 'code', code: args[i + 1], argv: args.slice(i + 2) } };
  }
  if (first === '-m') {
    const module = args[i + 1];
    if (module === undefined) throw new CommandLineError(`\`python -m\` needs a module name: \`${line}\``);
    if (module === 'pip') return readPip(args.slice(i + 2), line);
    return { kind: 'python', command: { kind: 'module', module, argv: args.slice(i + 2) } };
  }
  if (first.startsWith('-')) throw new CommandLineError(`The python option \`${first}\` is not supported here: \`${line}\``);
  return { kind: 'python', command: { kind: 'file', path: first, argv: args.slice(i + 1) } };
}

function readPip(args: string[], line: string): PythonLine {
  if (args[0] !== 'install') throw new CommandLineError(`Only \`pip install\` runs here (not \`pip ${args[0] ?? ''}\`): \`${line}\``);
  const packages: string[] = [];
  const requirements: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-r' || a === '--requirement') requirements.push(args[++i] ?? '');
    else if (a.startsWith('--requirement=')) requirements.push(a.slice('--requirement='.length));
    else if (PIP_FLAGS.test(a)) continue;
    else if (a.startsWith('-')) throw new CommandLineError(`The pip option \`${a}\` is not supported here: \`${line}\``);
    else packages.push(a);
  }
  return { kind: 'pip', packages, requirements };
}

/** `requests[socks]>=2.0 ; python_version > "3"` → `requests`; null for comments, blank lines and options. */
export function requirementName(spec: string): string | null {
  const s = spec.replace(/#.*$/, '').trim();
  if (!s || s.startsWith('-')) return null;
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(s);
  return m ? m[1] : s;
}
