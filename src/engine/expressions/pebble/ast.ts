/** A Pebble expression, parsed. `at` is an offset into the original template. */
export type Node =
  | { kind: 'literal'; value: string | number | boolean | null; at: number }
  | { kind: 'name'; name: string; at: number }
  | { kind: 'attr'; target: Node; name: string; at: number }
  | { kind: 'index'; target: Node; index: Node; at: number }
  | { kind: 'call'; name: string; args: Arg[]; at: number }
  | { kind: 'filter'; target: Node; name: string; args: Arg[]; at: number }
  | { kind: 'test'; target: Node; name: string; args: Arg[]; negated: boolean; at: number }
  | { kind: 'unary'; op: 'not' | '-' | '+'; operand: Node; at: number }
  | { kind: 'binary'; op: string; left: Node; right: Node; at: number }
  | { kind: 'ternary'; cond: Node; then: Node; otherwise: Node; at: number }
  | { kind: 'list'; items: Node[]; at: number }
  | { kind: 'map'; entries: [Node, Node][]; at: number };

export interface Arg {
  name?: string;
  value: Node;
}

/** Binary operators and their precedence, as Pebble and Kestra's extension declare them. */
export const BINARY_PRECEDENCE: Record<string, number> = {
  or: 10,
  and: 15,
  is: 20,
  contains: 20,
  '==': 30,
  equals: 30,
  '!=': 30,
  '>': 30,
  '<': 30,
  '>=': 30,
  '<=': 30,
  '+': 40,
  '-': 40,
  '*': 60,
  '/': 60,
  '%': 60,
  '|': 100,
  '~': 110,
  '..': 120,
  '??': 120,
  '???': 120,
};

export const UNARY_PRECEDENCE = 500;
