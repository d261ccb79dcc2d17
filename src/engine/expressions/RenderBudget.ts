import { ExpressionError } from './ExpressionError';

/** Limits for one top-level render (nested `render()` calls share them). */
export interface RenderLimits {
  /** Expression and tag evaluations. */
  maxSteps: number;
  /** Characters of output, and of any one string or printed value. */
  maxChars: number;
  /** Items of any one list or map a template builds. */
  maxItems: number;
  /** `render()` calls and macro calls inside one another. */
  maxDepth: number;
  /** Wall-clock milliseconds. */
  maxMillis: number;
}

export const DEFAULT_LIMITS: RenderLimits = {
  maxSteps: 5_000_000,
  maxChars: 16 * 1024 * 1024,
  maxItems: 1_000_000,
  maxDepth: 50,
  maxMillis: 10_000,
};

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Counts what a template costs while it renders, so a hostile but valid
 * template (`range` over a billion, a string doubled forty times, `render()`
 * of itself) ends in a clear error instead of a hung tab or a worker out of
 * memory. Rendering is synchronous: these checks are what stop it.
 */
export class RenderBudget {
  private steps = 0;
  private depth = 0;
  private readonly deadline: number;

  constructor(
    readonly limits: RenderLimits = DEFAULT_LIMITS,
    /** Also stop when this returns a reason (a task's timeout or a kill the host can see). */
    private readonly interrupt?: () => string | null,
  ) {
    this.deadline = now() + limits.maxMillis;
  }

  /** One evaluation, or `n` units of work (building a list of n items). */
  step(n = 1): void {
    const before = this.steps;
    this.steps += n;
    if (this.steps > this.limits.maxSteps) {
      throw new ExpressionError(`The expression needs more than ${this.limits.maxSteps.toLocaleString('en-US')} evaluation steps; it was stopped`);
    }
    if (this.steps >> 10 !== before >> 10) {
      if (now() > this.deadline) throw new ExpressionError(`The expression ran for more than ${this.limits.maxMillis / 1000} s; it was stopped`);
      const reason = this.interrupt?.();
      if (reason) throw new ExpressionError(reason);
    }
  }

  chars(length: number): void {
    if (length > this.limits.maxChars) {
      throw new ExpressionError(`The expression produced more than ${formatChars(this.limits.maxChars)} of text; it was stopped`);
    }
  }

  items(count: number): void {
    if (count > this.limits.maxItems) {
      throw new ExpressionError(`The expression built a list or map of more than ${this.limits.maxItems.toLocaleString('en-US')} items; it was stopped`);
    }
    this.step(count);
  }

  /** A nested `render()` or macro call; `leave()` when it returns. */
  enter(): void {
    if (++this.depth > this.limits.maxDepth) {
      this.depth = 0;
      throw new ExpressionError('Too many rendering attempts');
    }
  }

  leave(): void {
    if (this.depth > 0) this.depth--;
  }
}

function formatChars(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} M characters` : `${n} characters`;
}
