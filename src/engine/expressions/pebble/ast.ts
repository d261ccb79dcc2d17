/** A Pebble expression, parsed. `at` is an offset into the original template. */
export type Node =
  | { kind: 'literal'; value: string | number | boolean | null; at: number }
  | { kind: 'interpolated'; parts: Node[]; at: number }
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

/** Binary operators and their precedence, as Pebble's CoreExtension and Kestra's Extension declare them. */
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

/** The direct sub-expressions of a node. */
export function childrenOf(node: Node): Node[] {
  switch (node.kind) {
    case 'literal':
    case 'name':
      return [];
    case 'interpolated':
      return node.parts;
    case 'attr':
      return [node.target];
    case 'index':
      return [node.target, node.index];
    case 'call':
      return node.args.map((a) => a.value);
    case 'filter':
    case 'test':
      return [node.target, ...node.args.map((a) => a.value)];
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'ternary':
      return [node.cond, node.then, node.otherwise];
    case 'list':
      return node.items;
    case 'map':
      return node.entries.flat();
  }
}

/** How deep an expression tree is, measured without recursion (a hostile tree may be thousands deep). */
export function depthOf(root: Node): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of childrenOf(node)) stack.push([c, d + 1]);
  }
  return max;
}
