import { RE2JS } from 're2js';
import { JinjaError } from '../jinja/JinjaError';
import { AttrObject, MISSING, NativeFunction, PyObject, str, type CallArgs } from '../jinja/values';

const I = 2;
const M = 8;
const S = 16;

function compile(pattern: string, flags: number): RE2JS {
  let f = 0;
  if (flags & I) f |= RE2JS.CASE_INSENSITIVE;
  if (flags & M) f |= RE2JS.MULTILINE;
  if (flags & S) f |= RE2JS.DOTALL;
  try {
    // Python's named groups (?P<name>…) are RE2's too
    return RE2JS.compile(pattern, f);
  } catch (e) {
    const unsupported = /\(\?[=!<]|\\[1-9]/.test(pattern);
    throw new JinjaError(
      unsupported
        ? `the regular expression \`${pattern}\` uses look-around or a back-reference, which this runner's linear-time regular expressions (RE2) do not run`
        : `invalid regular expression \`${pattern}\`: ${(e as Error).message}`,
    );
  }
}

type Matcher = ReturnType<RE2JS['matcher']>;

class MatchObject extends PyObject {
  readonly typeName = 're.Match';
  constructor(
    private readonly m: Matcher,
    private readonly groups: (string | null)[],
    private readonly startAt: number,
    private readonly endAt: number,
  ) {
    super();
  }
  getAttr(name: string): unknown {
    switch (name) {
      case 'group':
        return new NativeFunction('group', (c) => {
          if (c.args.length > 1) return c.args.map((a) => this.group(a));
          return this.group(c.args[0] ?? 0);
        });
      case 'groups':
        return new NativeFunction('groups', () => this.groups.slice(1));
      case 'start':
        return new NativeFunction('start', () => this.startAt);
      case 'end':
        return new NativeFunction('end', () => this.endAt);
      case 'span':
        return new NativeFunction('span', () => [this.startAt, this.endAt]);
      case 'groupdict':
        return new NativeFunction('groupdict', () => new Map(Object.entries(this.m.getNamedGroups())));
    }
    return MISSING;
  }
  private group(g: unknown): string | null {
    if (typeof g === 'number') {
      if (g < 0 || g >= this.groups.length) throw new JinjaError('no such group');
      return this.groups[g];
    }
    return this.m.group(str(g));
  }
  toStr(): string {
    return `<re.Match object; span=(${this.startAt}, ${this.endAt}), match=${JSON.stringify(this.groups[0])}>`;
  }
}

function matchAt(re: RE2JS, text: string, mode: 'match' | 'search' | 'fullmatch'): MatchObject | null {
  const m = re.matcher(text);
  const ok = mode === 'match' ? m.lookingAt() : mode === 'fullmatch' ? m.matches() : m.find();
  if (!ok) return null;
  const groups: (string | null)[] = [];
  for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i));
  return new MatchObject(m, groups, m.start(), m.end());
}

/** Python's `\1` and `\g<name>` in a replacement become RE2JS's `$1` / `${name}`; `$` is literal. */
function replacement(repl: string): string {
  return repl
    .replace(/\$/g, '\\$')
    .replace(/\\g<(\w+)>/g, (_m, g: string) => (/^\d+$/.test(g) ? `$${g}` : `\${${g}}`))
    .replace(/\\(\d+)/g, '$$$1')
    .replace(/\\([\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\\\'));
}

function functions(getRe: (c: CallArgs, i: number) => RE2JS, offset: number): Record<string, NativeFunction> {
  const text = (c: CallArgs) => str(c.args[offset]);
  return {
    match: new NativeFunction('match', (c) => matchAt(getRe(c, 0), text(c), 'match')),
    search: new NativeFunction('search', (c) => matchAt(getRe(c, 0), text(c), 'search')),
    fullmatch: new NativeFunction('fullmatch', (c) => matchAt(getRe(c, 0), text(c), 'fullmatch')),
    findall: new NativeFunction('findall', (c) => {
      const re = getRe(c, 0);
      const m = re.matcher(text(c));
      const out: unknown[] = [];
      while (m.find()) {
        const n = m.groupCount();
        out.push(n === 0 ? m.group(0) : n === 1 ? m.group(1) : Array.from({ length: n }, (_, i) => m.group(i + 1)));
        if (out.length > 1_000_000) throw new JinjaError('findall: too many matches');
      }
      return out;
    }),
    sub: new NativeFunction('sub', (c) => {
      const re = getRe(c, 0);
      const repl = str(c.args[offset]);
      const input = str(c.args[offset + 1]);
      const count = Number(c.args[offset + 2] ?? c.kwargs.get('count') ?? 0);
      const m = re.matcher(input);
      if (!count) return m.replaceAll(replacement(repl));
      let out = input;
      for (let i = 0; i < count; i++) {
        const mm = re.matcher(out);
        if (!mm.find()) break;
        out = mm.replaceFirst(replacement(repl));
      }
      return out;
    }),
    split: new NativeFunction('split', (c) => getRe(c, 0).split(text(c), -1)),
  };
}

class PatternObject extends PyObject {
  readonly typeName = 're.Pattern';
  private readonly fns: Record<string, NativeFunction>;
  constructor(
    readonly pattern: string,
    readonly re: RE2JS,
  ) {
    super();
    this.fns = functions(() => this.re, 0);
  }
  getAttr(name: string): unknown {
    if (name === 'pattern') return this.pattern;
    return Object.prototype.hasOwnProperty.call(this.fns, name) ? this.fns[name] : MISSING;
  }
}

/** `modules.re`, on RE2: match, search, fullmatch, findall, sub, split, compile, escape, and the I/M/S flags. */
export function reModule(): AttrObject {
  const flagsOf = (c: CallArgs, i: number) => Number(c.args[i] ?? c.kwargs.get('flags') ?? 0);
  const getRe = (c: CallArgs, pos: number) => {
    const p = c.args[pos];
    if (p instanceof PatternObject) return p.re;
    return compile(str(p), 0);
  };
  const withFlags = (name: string, flagArg: number) => (c: CallArgs) => {
    const p = c.args[0];
    const re = p instanceof PatternObject ? p.re : compile(str(p), flagsOf(c, flagArg));
    return functions(() => re, 1)[name].invoke({ args: c.args, kwargs: new Map() }, null);
  };
  return new AttrObject('module', {
    match: new NativeFunction('re.match', withFlags('match', 2)),
    search: new NativeFunction('re.search', withFlags('search', 2)),
    fullmatch: new NativeFunction('re.fullmatch', withFlags('fullmatch', 2)),
    findall: new NativeFunction('re.findall', withFlags('findall', 2)),
    split: new NativeFunction('re.split', withFlags('split', 3)),
    sub: new NativeFunction('re.sub', (c) => functions((cc) => getRe(cc, 0), 1).sub.invoke(c, null)),
    compile: new NativeFunction('re.compile', (c) => new PatternObject(str(c.args[0]), compile(str(c.args[0]), flagsOf(c, 1)))),
    escape: new NativeFunction('re.escape', (c) => str(c.args[0]).replace(/[^A-Za-z0-9_]/g, '\\$&')),
    I: I,
    IGNORECASE: I,
    M: M,
    MULTILINE: M,
    S: S,
    DOTALL: S,
  }, "<module 're'>");
}
