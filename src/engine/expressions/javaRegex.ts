import { RE2JS } from 're2js';
import { ExpressionError } from './ExpressionError';

const cache = new Map<string, RE2JS>();

/**
 * Regular expressions from a flow (the `replace` and `split` filters, input
 * validators) run on RE2 (re2js), whose matching time is linear in the input:
 * a catastrophic pattern such as `(a+)+$` cannot hang the engine. RE2 reads
 * Java's syntax, with Java's `split` and `$1` replacement rules; it has no
 * look-around or back-references, which are refused with a clear message.
 */
export function compileJavaRegex(pattern: string, what: string): RE2JS {
  let re = cache.get(pattern);
  if (re) return re;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const unsupported = /\(\?[=!<]|\\[1-9]/.test(pattern);
    throw new ExpressionError(
      unsupported
        ? `${what}: the regular expression \`${pattern}\` uses look-around or a back-reference, which this engine's linear-time regular expressions (RE2) do not run`
        : `${what}: invalid regular expression \`${pattern}\`: ${detail}`,
    );
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** Java's String.replaceAll. */
export function javaReplaceAll(input: string, pattern: string, replacement: string, what: string): string {
  try {
    return compileJavaRegex(pattern, what).matcher(input).replaceAll(replacement);
  } catch (e) {
    if (e instanceof ExpressionError) throw e;
    throw new ExpressionError(`${what}: ${(e as Error).message}`);
  }
}

/** Java's String.split(regex, limit). */
export function javaSplit(input: string, pattern: string, limit: number, what: string): string[] {
  return compileJavaRegex(pattern, what).split(input, limit);
}

/** Java's String.matches: the whole input matches. */
export function javaMatches(input: string, pattern: string, what: string): boolean {
  return compileJavaRegex(pattern, what).matches(input);
}
