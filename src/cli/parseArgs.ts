import { parseArgs as parseNodeArgs } from 'node:util';
import { isKestraVersion, KESTRA_VERSIONS, type KestraVersion } from '../engine/KestraVersion';

export interface CliArgs {
  command?: string;
  file?: string;
  inputs: Record<string, string>;
  secrets: Record<string, string>;
  labels: Record<string, string>;
  json: boolean;
  help: boolean;
  db?: string;
  dataset?: 'sample' | 'full';
  /** --kestra-version: which Kestra the engine imitates where versions differ (default: the current course's). */
  kestraVersion?: KestraVersion;
  /** Anything else the command line had (options a command reads itself). */
  options: Record<string, string | boolean | string[] | undefined>;
}

const OPTIONS = {
  input: { type: 'string', short: 'i', multiple: true },
  secret: { type: 'string', multiple: true },
  label: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  db: { type: 'string' },
  dataset: { type: 'string' },
  trigger: { type: 'string' },
  date: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  flows: { type: 'string' },
  'git-repo': { type: 'string', multiple: true },
  offline: { type: 'boolean' },
  'kestra-version': { type: 'string' },
} as const;

export class CliUsageError extends Error {}

function pairs(values: string[] | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of values ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new CliUsageError(`--${what} expects key=value, got \`${kv}\``);
    out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

/** Parses `<command> <file> [options]` with node:util's parseArgs; unknown options are a usage error. */
export function parseArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseNodeArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliUsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const dataset = values.dataset;
  if (dataset !== undefined && dataset !== 'sample' && dataset !== 'full') throw new CliUsageError(`--dataset is sample or full, got \`${dataset}\``);
  const kestraVersion = values['kestra-version'];
  if (kestraVersion !== undefined && !isKestraVersion(kestraVersion)) throw new CliUsageError(`--kestra-version is ${KESTRA_VERSIONS.join(' or ')}, got \`${kestraVersion}\``);
  return {
    command: positionals[0],
    file: positionals[1],
    inputs: pairs(values.input, 'input'),
    secrets: pairs(values.secret, 'secret'),
    labels: pairs(values.label, 'label'),
    json: values.json ?? false,
    help: values.help ?? false,
    db: values.db,
    dataset,
    kestraVersion,
    options: values as CliArgs['options'],
  };
}
