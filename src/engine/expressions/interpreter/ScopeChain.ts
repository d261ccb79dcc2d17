import { UndefinedError } from '../ExpressionError';
import { hasOwn } from '../values';

interface Scope {
  vars: Map<string, unknown>;
  /** A local scope (a macro's) hides everything below it. */
  local: boolean;
}

/**
 * Pebble's ScopeChain: `{% set %}` writes to the innermost scope that already
 * has the name (so a loop can update a total), else to the current one; a
 * `for` pushes a scope for its variable and `loop`. The context the template
 * renders with is the bottom scope and is never modified: writes to its
 * names land in an overlay above it.
 */
export class ScopeChain {
  private readonly stack: Scope[] = [{ vars: new Map(), local: false }];

  constructor(private readonly root: Readonly<Record<string, unknown>> | null) {}

  push(local = false): void {
    this.stack.push({ vars: new Map(), local });
  }

  pop(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  /** The current scope only (a `for` sets its variable here). */
  put(name: string, value: unknown): void {
    this.stack[this.stack.length - 1].vars.set(name, value);
  }

  set(name: string, value: unknown): void {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const scope = this.stack[i];
      if (scope.local || scope.vars.has(name)) {
        scope.vars.set(name, value);
        return;
      }
    }
    if (this.root && hasOwn(this.root, name)) {
      this.stack[0].vars.set(name, value);
      return;
    }
    this.put(name, value);
  }

  /** A variable, or an UndefinedError naming it. */
  get(name: string): unknown {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const scope = this.stack[i];
      if (scope.vars.has(name)) return scope.vars.get(name);
      if (scope.local) throw new UndefinedError(name);
    }
    if (this.root && hasOwn(this.root, name)) {
      const v = this.root[name];
      if (v !== undefined) return v;
    }
    throw new UndefinedError(name);
  }
}
