import type { Arg, Node } from './ast';

/**
 * Turns a parsed Pebble expression into a fully parenthesised nunjucks
 * expression. Operators go through the engine's helpers (see
 * `operatorHelpers.ts`) so they follow Pebble's semantics, not JavaScript's.
 */
export function emitNunjucks(node: Node): string {
  switch (node.kind) {
    case 'literal':
      return emitLiteral(node.value);
    case 'name':
      return node.name;
    case 'attr':
      // Pebble's `loop.index` is zero-based; nunjucks calls that `index0`
      if (node.target.kind === 'name' && node.target.name === 'loop' && node.name === 'index') return 'loop["index0"]';
      return `${emitNunjucks(node.target)}[${emitLiteral(node.name)}]`;
    case 'index':
      return `${emitNunjucks(node.target)}[${emitNunjucks(node.index)}]`;
    case 'call':
      // functions live apart from variables (a variable named `json` does not hide `json()`)
      return `__fn[${emitLiteral(node.name)}](${emitArgs(node.args)})`;
    case 'filter':
      return `(${emitNunjucks(node.target)} | ${node.name}${node.args.length ? `(${emitArgs(node.args)})` : ''})`;
    case 'test': {
      const args = node.args.length ? `, ${emitArgs(node.args)}` : '';
      return `__test(${emitLiteral(node.name)}, ${node.negated}, ${emitNunjucks(node.target)}${args})`;
    }
    case 'unary':
      if (node.op === 'not') return `(not __bool(${emitNunjucks(node.operand)}))`;
      return `__op(${emitLiteral(node.op === '-' ? 'neg' : 'pos')}, ${emitNunjucks(node.operand)}, none)`;
    case 'binary':
      return emitBinary(node.op, node.left, node.right);
    case 'ternary':
      return `(${emitNunjucks(node.then)} if __bool(${emitNunjucks(node.cond)}) else ${emitNunjucks(node.otherwise)})`;
    case 'list':
      return `[${node.items.map(emitNunjucks).join(', ')}]`;
    case 'map':
      // spaces keep nested `}` `}` apart so nunjucks never sees `}}` here
      return `__map(${node.entries.map(([k, v]) => `${emitNunjucks(k)}, ${emitNunjucks(v)}`).join(', ')})`;
  }
}

function emitBinary(op: string, left: Node, right: Node): string {
  const l = emitNunjucks(left);
  const r = emitNunjucks(right);
  switch (op) {
    case 'and':
      return `(__bool(${l}) and __bool(${r}))`;
    case 'or':
      return `(__bool(${l}) or __bool(${r}))`;
    case '??':
      // the right side is evaluated only when needed
      return `(${l} if __present(${l}) else ${r})`;
    case '???':
      return `(${l} if __defined(${l}) else ${r})`;
    default:
      return `__op(${emitLiteral(op)}, ${l}, ${r})`;
  }
}

function emitArgs(args: Arg[]): string {
  return args.map((a) => (a.name ? `${a.name}=${emitNunjucks(a.value)}` : emitNunjucks(a.value))).join(', ');
}

function emitLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `"${escaped}"`;
}
