import jq from '@michaelhomer/jqjs';
import { ExpressionError } from '../ExpressionError';

/**
 * Builtins that can loop without end or read outside the value: a jq program
 * runs synchronously inside a render, where nothing can stop a runaway
 * generator, so these are refused with a clear error instead.
 */
const REFUSED = /\b(range|repeat|recurse|recurse_down|until|while|limit|input|inputs|env|getpath|paths|leaf_paths|splits|def)\b|\$__loc__|\$ENV/;

/**
 * Kestra's jq filter (JqFilter, jackson-jq, jq 1.6): runs `expression` on the
 * value and returns every result, as a list. Interpreted by jqjs (pure
 * JavaScript, no code generation); loops and recursion are refused (see REFUSED).
 */
export function runJq(expression: string, data: unknown): unknown[] {
  const refused = REFUSED.exec(expression);
  if (refused) throw new ExpressionError(`jq: \`${refused[0]}\` is not run here (a jq loop or recursion could not be stopped inside a template)`);
  let filter: (input: unknown) => Iterable<unknown>;
  try {
    filter = jq.compile(expression);
  } catch (e) {
    throw new ExpressionError(`jq: cannot parse \`${expression}\`: ${(e as Error).message}`);
  }
  const out: unknown[] = [];
  try {
    for (const v of filter(structuredClone(data))) {
      out.push(v === undefined ? null : v);
      if (out.length > 100_000) throw new ExpressionError('jq: more than 100,000 results; stopped');
    }
  } catch (e) {
    if (e instanceof ExpressionError) throw e;
    throw new ExpressionError(`jq: ${(e as Error).message ?? String(e)}`);
  }
  return out;
}
