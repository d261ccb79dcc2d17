import type { Pebble } from './Pebble';
import { bindArgs, optionalString } from './args';
import { ExpressionError } from './ExpressionError';
import { isPlainObject, stringify } from './values';
import { pebbleRange } from './operatorHelpers';
import { formatInstant } from './filters/dateFilters';
import { parse as parseYaml } from 'yaml';
import type { KestraVersion } from '../KestraVersion';

/**
 * What functions such as `kv()`, `secret()` and `read()` need from the
 * executor. Templates render synchronously, so every lookup here is
 * synchronous: the executor answers from memory (e.g. a cache of storage
 * files filled before the task renders, or MemoryStorage's map).
 */
export interface FunctionServices {
  /** The clock for `now()`. */
  now?: () => Date;
  /** `secret('KEY')`: the value, or undefined when the learner has not set it. */
  secret?: (key: string) => string | undefined;
  /** `kv('KEY', namespace?)`: the stored value, or undefined when the key is missing. */
  kv?: (namespace: string, key: string) => unknown;
  /**
   * `read(path)`: the text of a stored file (`kestra://...` URI) or of a
   * namespace file (relative path) of `namespace`. Throws when it does not exist.
   */
  readFile?: (pathOrUri: string, namespace: string) => string;
  /** `errorLogs()`: the execution's ERROR log lines so far. */
  errorLogs?: () => Record<string, unknown>[];
  /** `id()`: a new short id (Kestra's IdUtils.create). */
  newId?: () => string;
  /** Which Kestra to follow where versions differ (kv()'s errorOnMissing default); 0.20's behaviour when unset. */
  kestraVersion?: KestraVersion;
  /** `fileSize(uri)`: the bytes of a stored file; throws when it does not exist. */
  fileSize?: (uri: string) => number;
}

type Fn = (this: { ctx: Record<string, unknown> }, ...args: unknown[]) => unknown;

/** Names of the functions templates may call (used to validate templates). */
export const FUNCTION_NAMES = [
  'render', 'renderOnce', 'now', 'fromJson', 'json', 'kv', 'secret', 'read', 'range', 'max', 'min', 'uuid', 'randomInt',
  'yaml', 'id', 'currentEachOutput', 'errorLogs', 'fetchContext', 'printContext', 'fileSize',
] as const;

function flowNamespace(ctx: Record<string, unknown>): string {
  const flow = ctx.flow;
  if (isPlainObject(flow) && typeof flow.namespace === 'string') return flow.namespace;
  throw new ExpressionError('This function needs `flow.namespace` in the context');
}

function parseJson(value: unknown, what: string): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(stringify(value));
  } catch (e) {
    throw new ExpressionError(`${what}: not valid JSON: ${(e as Error).message}`);
  }
}

/** Pebble's functions as Kestra flows use them, by name. */
export function createFunctions(pebble: Pebble, services: FunctionServices): Record<(typeof FUNCTION_NAMES)[number], Fn> {
  const now = services.now ?? (() => new Date());
  return {
    render(...args) {
      const a = bindArgs(args, ['toRender', 'recursive'], 'render');
      if (!('toRender' in a)) throw new ExpressionError("The 'render' function expects an argument 'toRender'.");
      if (a.recursive !== undefined && typeof a.recursive !== 'boolean') {
        throw new ExpressionError("The 'render' function expects an optional argument 'recursive' with type boolean.");
      }
      return pebble.renderObject(a.toRender, this.ctx, a.recursive !== false);
    },
    renderOnce(...args) {
      const value = bindArgs(args, ['toRender'], 'renderOnce').toRender;
      return pebble.renderObject(value, this.ctx, false);
    },
    now(...args) {
      const a = bindArgs(args, ['format', 'timeZone', 'existingFormat', 'locale'], 'now');
      const ms = now().getTime();
      return formatInstant({ epochSecond: Math.floor(ms / 1000), nano: (ms % 1000) * 1e6 }, a, 'now');
    },
    fromJson(...args) {
      return parseJson(bindArgs(args, ['json'], 'fromJson').json, 'fromJson');
    },
    json(...args) {
      return parseJson(bindArgs(args, ['json'], 'json').json, 'json');
    },
    kv(...args) {
      const a = bindArgs(args, ['key', 'namespace', 'errorOnMissing'], 'kv');
      if (typeof a.key !== 'string') throw new ExpressionError("The 'kv' function expects an argument 'key'.");
      const own = flowNamespace(this.ctx);
      const explicit = optionalString(a, 'namespace', 'kv');
      let value: unknown;
      let ns = explicit ?? own;
      if (services.kv) {
        value = services.kv(ns, a.key);
        // without an explicit namespace, parent namespaces are searched too
        while (value === undefined && !explicit && ns.includes('.')) {
          ns = ns.slice(0, ns.lastIndexOf('.'));
          value = services.kv(ns, a.key);
        }
      }
      if (value === undefined) {
        // errorOnMissing defaults to false in Kestra 0.20 and to true from 0.22 (migration guide 0.22.0 "KV function errors on missing key";
        // KvFunction: Optional.ofNullable(errorOnMissing).orElse(true))
        const errorOnMissing = a.errorOnMissing === undefined ? services.kestraVersion !== undefined && services.kestraVersion !== '0.20' : a.errorOnMissing === true;
        if (errorOnMissing) {
          throw new ExpressionError(`The key '${a.key}' does not exist in the namespace '${explicit ?? own}'.`);
        }
        return null;
      }
      return value;
    },
    secret(...args) {
      const { key } = bindArgs(args, ['key'], 'secret');
      if (typeof key !== 'string') throw new ExpressionError("The 'secret' function expects an argument 'key'.");
      const value = services.secret?.(key);
      if (value === undefined) {
        throw new ExpressionError(`Secret \`${key}\` is not defined. Add it in the playground's Secrets panel / with --secret ${key}=...`);
      }
      return value;
    },
    read(...args) {
      const { path } = bindArgs(args, ['path'], 'read');
      if (typeof path !== 'string') throw new ExpressionError("The 'read' function expects an argument 'path'.");
      if (!services.readFile) throw new ExpressionError('read(): no file storage is available here');
      return services.readFile(path, flowNamespace(this.ctx));
    },
    range(...args) {
      const a = bindArgs(args, ['start', 'end', 'increment'], 'range');
      return pebbleRange(a.start, a.end, a.increment ?? 1, pebble.budget);
    },
    max(...args) {
      return args.reduce((m, v) => ((m as number) >= (v as number) ? m : v));
    },
    min(...args) {
      return args.reduce((m, v) => ((m as number) <= (v as number) ? m : v));
    },
    uuid() {
      return globalThis.crypto.randomUUID();
    },
    // Kestra's RandomIntFunction, messages word for word: randomInt(10, 10) is 10; upper is excluded otherwise
    randomInt(...args) {
      const a = bindArgs(args, ['lower', 'upper'], 'randomInt');
      for (const name of ['lower', 'upper'] as const) {
        if (!(name in a)) throw new ExpressionError(`The 'GenerateRandomNumber' function expects an argument ${name}`);
        if (typeof a[name] !== 'number' || !Number.isInteger(a[name])) {
          throw new ExpressionError(`The 'GenerateRandomNumber' function expects an argument ${name}with type Integer.`);
        }
      }
      const lower = a.lower as number;
      const upper = a.upper as number;
      if (upper < lower) throw new ExpressionError("In 'GenerateRandomNumber' upper is less than lower");
      return Math.floor(Math.random() * (upper - lower)) + lower;
    },
    // Kestra's YamlFunction: parses a YAML string into lists and maps
    yaml(...args) {
      const a = bindArgs(args, ['yaml'], 'yaml');
      if (!('yaml' in a)) throw new ExpressionError("The 'yaml' function expects an argument 'yaml'.");
      if (typeof a.yaml !== 'string') throw new ExpressionError("The 'yaml' function expects an argument 'yaml' with type string.");
      try {
        return parseYaml(a.yaml, { maxAliasCount: 100 }) ?? null;
      } catch (e) {
        throw new ExpressionError(`Invalid yaml: ${(e as Error).message}`);
      }
    },
    id(...args) {
      bindArgs(args, [], 'id');
      return services.newId ? services.newId() : globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 22);
    },
    // Kestra's CurrentEachOutputFunction: the outputs of the current ForEach iteration, down every parent value
    currentEachOutput(...args) {
      const a = bindArgs(args, ['outputs'], 'currentEachOutput');
      if (!('outputs' in a)) throw new ExpressionError("The 'currentEachOutput' function expects an argument 'outputs'.");
      if (!isPlainObject(a.outputs)) throw new ExpressionError("The 'currentEachOutput' function expects an argument 'outputs' with type map.");
      let node: unknown = a.outputs;
      const parents = Array.isArray(this.ctx.parents) ? [...(this.ctx.parents as { taskrun?: { value?: unknown } }[])].reverse() : [];
      for (const p of parents) {
        const v = p?.taskrun?.value;
        if (v !== null && v !== undefined && isPlainObject(node)) node = node[String(v)];
      }
      const value = (this.ctx.taskrun as { value?: unknown } | undefined)?.value;
      return isPlainObject(node) && value !== null && value !== undefined ? (node[String(value)] ?? null) : null;
    },
    // Kestra's FetchContextFunction / PrintContext: the variables a template sees
    fetchContext(...args) {
      bindArgs(args, [], 'fetchContext');
      return this.ctx;
    },
    printContext(...args) {
      bindArgs(args, [], 'printContext');
      return JSON.stringify(this.ctx);
    },
    fileSize(...args) {
      const { path } = bindArgs(args, ['path'], 'fileSize');
      if (typeof path !== 'string') throw new ExpressionError("The 'fileSize' function expects an argument 'path'.");
      if (!services.fileSize) throw new ExpressionError('fileSize(): no file storage is available here');
      return services.fileSize(path);
    },
    errorLogs(...args) {
      bindArgs(args, [], 'errorLogs');
      return services.errorLogs ? services.errorLogs() : [];
    },
  };
}
