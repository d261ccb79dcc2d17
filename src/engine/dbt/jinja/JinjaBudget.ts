import { JinjaLimitError } from './JinjaError';

/** Limits for rendering one dbt node (its macros share them). */
export interface JinjaLimits {
  /** Expression and tag evaluations. */
  maxSteps: number;
  /** Characters of any one string the template builds, and of its output. */
  maxChars: number;
  /** Items of any one list or dict. */
  maxItems: number;
  /** Macro calls inside one another (Python stops at about 1,000 frames; dbt projects need a few dozen). */
  maxDepth: number;
  /** Milliseconds of template work (time spent waiting for the database is not counted). */
  maxMillis: number;
}

export const DEFAULT_JINJA_LIMITS: JinjaLimits = {
  maxSteps: 5_000_000,
  maxChars: 32 * 1024 * 1024,
  maxItems: 1_000_000,
  maxDepth: 200,
  maxMillis: 20_000,
};

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Counts what a render costs, so a hostile project (a macro calling itself
 * forever, `range(10**9)`, a string doubled fifty times) ends in a clear
 * error instead of a hung worker. Time waiting on queries is excluded.
 */
export class JinjaBudget {
  private steps = 0;
  private depth = 0;
  private started = now();
  private waited = 0;

  constructor(
    readonly limits: JinjaLimits = DEFAULT_JINJA_LIMITS,
    /** Also stop when this returns a reason (a kill or a task timeout). */
    private readonly interrupt?: () => string | null,
  ) {}

  step(n = 1): void {
    const before = this.steps;
    this.steps += n;
    if (this.steps > this.limits.maxSteps) {
      throw new JinjaLimitError(`the template needs more than ${this.limits.maxSteps.toLocaleString('en-US')} evaluation steps; it was stopped (an endless loop?)`);
    }
    if (this.steps >> 12 !== before >> 12) {
      if (now() - this.started - this.waited > this.limits.maxMillis) {
        throw new JinjaLimitError(`the template ran for more than ${this.limits.maxMillis / 1000} s; it was stopped`);
      }
      const reason = this.interrupt?.();
      if (reason) throw new JinjaLimitError(reason);
    }
  }

  chars(n: number): void {
    if (n > this.limits.maxChars) {
      throw new JinjaLimitError(`the template built a text of more than ${Math.round(this.limits.maxChars / 1024 / 1024)} M characters; it was stopped`);
    }
  }

  items(n: number): void {
    if (n > this.limits.maxItems) {
      throw new JinjaLimitError(`the template built a list or dict of more than ${this.limits.maxItems.toLocaleString('en-US')} items; it was stopped`);
    }
    this.step(n);
  }

  enter(name: string): void {
    if (++this.depth > this.limits.maxDepth) {
      this.depth = 0;
      throw new JinjaLimitError(`macro calls nested more than ${this.limits.maxDepth} deep (in \`${name}\`): a macro that calls itself without end?`);
    }
  }

  leave(): void {
    if (this.depth > 0) this.depth--;
  }

  /** Runs `work` (a query) without counting its time. */
  async waiting<T>(work: () => Promise<T>): Promise<T> {
    const t = now();
    try {
      return await work();
    } finally {
      this.waited += now() - t;
    }
  }
}
