/** A filter as the interpreter calls it: the input, then positional args, then a `__keywords` object for named ones. */
export type Filter = (value: unknown, ...args: unknown[]) => unknown;
