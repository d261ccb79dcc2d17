/**
 * What a lookup of an unknown variable or key yields inside a template.
 * Kestra renders strictly: printing it, or passing it to a filter other than
 * `default`, fails with "Unable to find `x` used in the expression". Tests
 * such as `is defined` and the `??` operator look at it without failing.
 */
export class Missing {
  constructor(readonly path: string) {}
  toString(): string {
    throw new ExpressionError(`Unable to find \`${this.path}\` used in the expression`);
  }
}

export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

export function isMissing(value: unknown): value is Missing {
  return value instanceof Missing;
}

export function assertPresent(value: unknown): void {
  if (value instanceof Missing) {
    throw new ExpressionError(`Unable to find \`${value.path}\` used in the expression`);
  }
}
