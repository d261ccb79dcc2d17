/** An error in a template: its syntax, an undefined name, a bad argument or a limit reached. */
export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/**
 * An undefined variable or attribute was read. Kestra renders strictly:
 * reading it fails with "Unable to find `x` used in the expression", except
 * inside `??`, `???`, `is defined` and the `default` filter, which catch it
 * (as Kestra's NullCoalescingExpression and Pebble's DefinedTest do).
 */
export class UndefinedError extends ExpressionError {
  constructor(readonly variable: string) {
    super(`Unable to find \`${variable}\` used in the expression`);
    this.name = 'UndefinedError';
  }
}
