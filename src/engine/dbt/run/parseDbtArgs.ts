import { parse as parseYaml } from 'yaml';
import { DbtError } from '../DbtError';

/** A dbt command line, parsed: `dbt build --select +fact_trips --vars '{is_test_run: false}'`. */
export interface DbtArgs {
  command: string;
  /** `dbt source freshness`, `dbt docs generate`: the word after the command. */
  subcommand: string | null;
  select: string[];
  exclude: string[];
  resourceTypes: string[];
  excludeResourceTypes: string[];
  vars: Record<string, unknown>;
  fullRefresh: boolean;
  target: string | null;
  profile: string | null;
  projectDir: string | null;
  profilesDir: string | null;
  targetPath: string | null;
  threads: number | null;
  failFast: boolean;
  warnError: boolean;
  storeFailures: boolean;
  empty: boolean;
  output: string;
  outputKeys: string[];
  inline: string | null;
  limit: number | null;
  macro: string | null;
  macroArgs: Record<string, unknown>;
  indirectSelection: string;
  quiet: boolean;
  debug: boolean;
  version: boolean;
  help: boolean;
  /** Flags accepted without effect here, for the log (`--log-format json`, `--no-partial-parse`…). */
  ignored: string[];
}

const COMMANDS = new Set(['build', 'run', 'test', 'seed', 'compile', 'ls', 'list', 'deps', 'debug', 'clean', 'parse', 'run-operation', 'snapshot', 'show', 'source', 'docs', 'init', 'retry', 'clone', 'freshness']);

/** Flags that take one value. */
const VALUE_FLAGS: Record<string, string> = {
  '--project-dir': 'projectDir',
  '--profiles-dir': 'profilesDir',
  '--target': 'target',
  '-t': 'target',
  '--profile': 'profile',
  '--vars': 'vars',
  '--target-path': 'targetPath',
  '--threads': 'threads',
  '--output': 'output',
  '-o': 'output',
  '--inline': 'inline',
  '--limit': 'limit',
  '--args': 'args',
  '--indirect-selection': 'indirectSelection',
};
/** Flags whose value is accepted and has no effect here. */
const IGNORED_VALUE_FLAGS = new Set(['--log-format', '--log-format-file', '--log-path', '--log-level', '--log-level-file', '--printer-width', '--cache-selected-only', '--populate-cache', '--event-time-start', '--event-time-end', '--sample']);
const IGNORED_BOOL_FLAGS = new Set(['--no-partial-parse', '--partial-parse', '--use-colors', '--no-use-colors', '--no-print', '--print', '--no-version-check', '--version-check', '--no-write-json', '--write-json', '--static-parser', '--no-static-parser', '--no-anonymous-usage-stats', '--send-anonymous-usage-stats', '--no-introspect', '--introspect', '--no-compile', '--compile', '--use-experimental-parser', '--no-populate-cache', '--favor-state', '--no-favor-state', '--show-all-deprecations', '--upgrade', '--add-package', '--lock']);
const REFUSED_FLAGS: Record<string, string> = {
  '--state': 'state comparison needs the artifacts of an earlier run, which this runner does not keep (each run starts from a fresh working directory, as in Kestra)',
  '--defer': 'deferral needs the artifacts of an earlier run (--state), which this runner does not keep',
  '--selector': 'YAML selectors (selectors.yml) are not supported here: use --select and --exclude',
};

/** Splits a dbt command line into words the way a POSIX shell would (quotes and backslashes). */
export function shellWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new DbtError('Runtime', `unmatched ' in the command: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      has = true;
    } else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length && /["\\$`]/.test(line[j + 1])) j++;
        cur += line[j];
        j++;
      }
      if (j >= line.length) throw new DbtError('Runtime', `unmatched " in the command: ${line}`);
      i = j;
      has = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** `--vars` as dbt reads it: a YAML (or JSON) mapping. */
export function parseVars(text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new DbtError('Runtime', `The --vars argument must be a YAML dictionary, but was of type 'str': ${(e as Error).message.split('\n')[0]}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new DbtError('Runtime', `The --vars argument must be a YAML dictionary, but was of type '${Array.isArray(v) ? 'list' : typeof v === 'string' ? 'str' : typeof v}'`);
  return v as Record<string, unknown>;
}

export function parseDbtArgs(words: string[]): DbtArgs {
  if (words[0] !== 'dbt') throw new DbtError('Runtime', `not a dbt command: ${words.join(' ')}`);
  const a: DbtArgs = {
    command: '',
    subcommand: null,
    select: [],
    exclude: [],
    resourceTypes: [],
    excludeResourceTypes: [],
    vars: {},
    fullRefresh: false,
    target: null,
    profile: null,
    projectDir: null,
    profilesDir: null,
    targetPath: null,
    threads: null,
    failFast: false,
    warnError: false,
    storeFailures: false,
    empty: false,
    output: 'selector',
    outputKeys: [],
    inline: null,
    limit: null,
    macro: null,
    macroArgs: {},
    indirectSelection: 'eager',
    quiet: false,
    debug: false,
    version: false,
    help: false,
    ignored: [],
  };
  const rest = words.slice(1);
  let i = 0;
  const takeMany = (into: string[]) => {
    let n = 0;
    while (i + 1 < rest.length && !rest[i + 1].startsWith('-')) {
      into.push(rest[++i]);
      n++;
    }
    if (!n) throw new DbtError('Runtime', `Option '${rest[i]}' requires an argument.`);
  };
  for (; i < rest.length; i++) {
    let w = rest[i];
    let inlineValue: string | null = null;
    if (w.startsWith('--') && w.includes('=')) {
      inlineValue = w.slice(w.indexOf('=') + 1);
      w = w.slice(0, w.indexOf('='));
    }
    if (!w.startsWith('-')) {
      if (!a.command) {
        if (!COMMANDS.has(w)) throw new DbtError('Runtime', `No such command '${w}'. The commands this runner knows: build, run, test, seed, compile, ls, deps, debug, clean, parse, run-operation, show`);
        a.command = w === 'list' ? 'ls' : w;
      } else if (a.command === 'run-operation' && a.macro === null) {
        a.macro = w;
      } else if ((a.command === 'source' || a.command === 'docs') && a.subcommand === null) {
        a.subcommand = w;
      } else {
        throw new DbtError('Runtime', `Got unexpected extra argument (${w})`);
      }
      continue;
    }
    if (REFUSED_FLAGS[w]) throw new DbtError('Runtime', `${w} is not supported by this dbt runner: ${REFUSED_FLAGS[w]}`);
    const value = () => {
      if (inlineValue !== null) return inlineValue;
      if (i + 1 >= rest.length) throw new DbtError('Runtime', `Option '${w}' requires an argument.`);
      return rest[++i];
    };
    switch (w) {
      case '--select':
      case '-s':
      case '--models':
      case '-m':
      case '--model':
        if (inlineValue !== null) a.select.push(inlineValue);
        else takeMany(a.select);
        continue;
      case '--exclude':
        if (inlineValue !== null) a.exclude.push(inlineValue);
        else takeMany(a.exclude);
        continue;
      case '--resource-type':
      case '--resource-types':
        if (inlineValue !== null) a.resourceTypes.push(inlineValue);
        else takeMany(a.resourceTypes);
        continue;
      case '--exclude-resource-type':
      case '--exclude-resource-types':
        if (inlineValue !== null) a.excludeResourceTypes.push(inlineValue);
        else takeMany(a.excludeResourceTypes);
        continue;
      case '--output-keys':
        if (inlineValue !== null) a.outputKeys.push(...inlineValue.split(/[\s,]+/));
        else takeMany(a.outputKeys);
        continue;
      case '--full-refresh':
      case '-f':
        a.fullRefresh = true;
        continue;
      case '--fail-fast':
      case '-x':
        a.failFast = true;
        continue;
      case '--warn-error':
        a.warnError = true;
        continue;
      case '--store-failures':
        a.storeFailures = true;
        continue;
      case '--empty':
        a.empty = true;
        continue;
      case '--quiet':
      case '-q':
        a.quiet = true;
        continue;
      case '--debug':
      case '-d':
        a.debug = true;
        continue;
      case '--version':
        a.version = true;
        continue;
      case '--help':
      case '-h':
        a.help = true;
        continue;
      case '--no-fail-fast':
      case '--no-warn-error':
      case '--no-store-failures':
      case '--no-empty':
        continue;
    }
    if (VALUE_FLAGS[w]) {
      const v = value();
      switch (VALUE_FLAGS[w]) {
        case 'vars':
          a.vars = parseVars(v);
          break;
        case 'args':
          a.macroArgs = parseVars(v);
          break;
        case 'threads':
          a.threads = Number(v);
          break;
        case 'limit':
          a.limit = Number(v);
          break;
        default:
          (a as unknown as Record<string, unknown>)[VALUE_FLAGS[w]] = v;
      }
      continue;
    }
    if (IGNORED_VALUE_FLAGS.has(w)) {
      a.ignored.push(`${w} ${value()}`);
      continue;
    }
    if (IGNORED_BOOL_FLAGS.has(w) || w.startsWith('--no-')) {
      a.ignored.push(w);
      continue;
    }
    throw new DbtError('Runtime', `No such option: ${w}`);
  }
  if (!a.command && !a.version && !a.help) throw new DbtError('Runtime', 'Missing command: dbt needs a command (build, run, test, seed, deps, debug…)');
  return a;
}
