import { ExpressionError } from './ExpressionError';

function isKeywords(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, '__keywords');
}

/**
 * Maps a call's arguments onto Pebble's argument names: positional ones in
 * order, named ones (`date(format='yyyy', timeZone='UTC')`, which the
 * interpreter passes as a trailing `__keywords` object) by name.
 */
export function bindArgs(args: unknown[], names: readonly string[], what: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let positional = args;
  const last = args[args.length - 1];
  if (isKeywords(last)) {
    positional = args.slice(0, -1);
    for (const [k, v] of Object.entries(last)) {
      if (k === '__keywords') continue;
      if (!names.includes(k)) {
        throw new ExpressionError(`${what}: unknown argument \`${k}\` (expected ${names.map((n) => `\`${n}\``).join(', ') || 'no arguments'})`);
      }
      out[k] = v;
    }
  }
  if (positional.length > names.length) {
    throw new ExpressionError(`${what}: too many arguments (expected at most ${names.length})`);
  }
  positional.forEach((v, i) => {
    out[names[i]] = v;
  });
  return out;
}

export function optionalString(args: Record<string, unknown>, name: string, what: string): string | undefined {
  const v = args[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ExpressionError(`${what}: \`${name}\` must be a string`);
  return v;
}
