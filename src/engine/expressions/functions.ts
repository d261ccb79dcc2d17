import type { Pebble } from './Pebble';
import { assertPresent, ExpressionError } from './Missing';
import { stringify } from './sandboxRuntime';

/** What functions such as `kv()`, `secret()` and `read()` need from the outside. */
export interface FunctionServices {
  now?: () => Date;
}

type Fn = (this: { ctx: Record<string, unknown> }, ...args: unknown[]) => unknown;

/** Pebble's functions as Kestra flows use them, by name. */
export function createFunctions(pebble: Pebble, services: FunctionServices): Record<string, Fn> {
  const now = services.now ?? (() => new Date());
  return {
    render(value) {
      assertPresent(value);
      if (typeof value !== 'string') return value;
      return pebble.renderRecursive(value, this.ctx);
    },
    renderOnce(value) {
      assertPresent(value);
      if (typeof value !== 'string') return value;
      return pebble.render(value, this.ctx);
    },
    now() {
      return now().toISOString();
    },
    fromJson(value) {
      assertPresent(value);
      try {
        return JSON.parse(stringify(value));
      } catch (e) {
        throw new ExpressionError(`fromJson(): not valid JSON: ${(e as Error).message}`);
      }
    },
  };
}
