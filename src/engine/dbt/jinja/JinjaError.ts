/**
 * An error while parsing or rendering a dbt Jinja template: syntax, an
 * undefined name, a bad argument, a limit reached or an error a macro raised
 * (`exceptions.raise_compiler_error`). `line` is 1-based in `file` when known.
 */
export class JinjaError extends Error {
  file?: string;
  line?: number;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'JinjaError';
    this.line = line;
  }
  /** `message` followed by ` (line N of file)` when the place is known. */
  get located(): string {
    if (!this.line && !this.file) return this.message;
    const where = [this.line ? `line ${this.line}` : '', this.file ? `of ${this.file}` : ''].filter(Boolean).join(' ');
    return `${this.message} (${where})`;
  }
}

/** A template asked for more work than its budget allows (it never ends in a hang). */
export class JinjaLimitError extends JinjaError {
  constructor(message: string) {
    super(message);
    this.name = 'JinjaLimitError';
  }
}

/** dbt's `return(value)`: ends the macro being called with `value` (not an error). */
export class MacroReturn {
  constructor(readonly value: unknown) {}
}

/** `{% break %}` / `{% continue %}` (Jinja's loopcontrols extension, which dbt enables). */
export class LoopControl {
  constructor(readonly kind: 'break' | 'continue') {}
}
