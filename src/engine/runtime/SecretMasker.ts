import type { EngineEvent } from '../model/events';

/** What Kestra prints instead of a secret's value. */
export const MASK = '********';

/**
 * Masks secret values wherever they would be shown: Kestra replaces the
 * values of `secret()` and of SECRET inputs with `********` in every log line
 * and in outputs (Kestra: RunContextLogger masks secrets in log messages;
 * SECRET inputs are shown masked). The engine masks its events before they
 * leave it; the host can use `mask()` / `values` for anything it keeps on its
 * own (history, share links).
 */
export class SecretMasker {
  private readonly secrets = new Set<string>();
  private sorted: string[] | null = null;

  constructor(values: Iterable<unknown> = []) {
    for (const v of values) this.add(v);
  }

  /** Adds a value to mask (empty strings are ignored). */
  add(value: unknown): void {
    if (typeof value !== 'string' || value === '' || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.sorted = null;
  }

  get values(): readonly string[] {
    return [...this.secrets];
  }

  get empty(): boolean {
    return this.secrets.size === 0;
  }

  /** `text` with every secret value replaced by `********` (longest first, so a secret inside another is not half-masked). */
  mask(text: string): string {
    if (!this.secrets.size || !text) return text;
    this.sorted ??= [...this.secrets].sort((a, b) => b.length - a.length);
    let out = text;
    for (const s of this.sorted) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }

  /** A value with every string inside it masked (lists and maps are walked). */
  maskValue<T>(value: T): T {
    if (!this.secrets.size) return value;
    if (typeof value === 'string') return this.mask(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.maskValue(v)) as T;
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.maskValue(v);
      return out as T;
    }
    return value;
  }
}

/** The event with secret values masked wherever they could show. */
export function maskEvent(event: EngineEvent, masker: SecretMasker): EngineEvent {
  switch (event.type) {
    case 'log':
      return { ...event, message: masker.mask(event.message) };
    case 'taskrun.outputs':
    case 'execution.outputs':
      return { ...event, outputs: masker.maskValue(event.outputs) };
    case 'execution.variables':
      return { ...event, variables: masker.maskValue(event.variables) };
    case 'execution.created':
      return { ...event, execution: { ...event.execution, inputs: masker.maskValue(event.execution.inputs) } };
    case 'execution.labels':
      return { ...event, labels: masker.maskValue(event.labels) };
    case 'taskrun.metrics':
      return { ...event, metrics: event.metrics.map((m) => ({ ...m, tags: masker.maskValue(m.tags) })) };
    default:
      return event;
  }
}
