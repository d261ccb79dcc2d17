/**
 * What a lookup of an unknown variable or key yields inside a template.
 * Kestra renders strictly: printing it, or passing it to a filter other than
 * `default`, fails with "Unable to find `x` used in the expression". Tests
 * such as `is defined` and the `??` operator look at it without failing.
 */
export class Missing {
  constructor(readonly path: string) {}
  toString(): string {
    throw new UndefinedError(this.path);
  }
  valueOf(): never {
    throw new UndefinedError(this.path);
  }
}

export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** An undefined variable or attribute was used; the renderer adds the template to the message. */
export class UndefinedError extends ExpressionError {
  constructor(readonly variable: string) {
    super(`Unable to find \`${variable}\` used in the expression`);
    this.name = 'UndefinedError';
  }
}

export function isMissing(value: unknown): value is Missing {
  return value instanceof Missing;
}

export function assertPresent(value: unknown): void {
  if (value instanceof Missing) throw new UndefinedError(value.path);
}
