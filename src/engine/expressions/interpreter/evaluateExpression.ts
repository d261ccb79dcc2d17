import { ExpressionError, UndefinedError } from '../ExpressionError';
import type { Arg, Node } from '../pebble/ast';
import { javaString, pebbleBool, pebbleOperator, pebbleRange, pebbleUnary } from '../operatorHelpers';
import { memberOf, newMap, stringify } from '../values';
import type { RenderEnv } from './RenderEnv';

/** Arguments as filters and functions take them: positional ones, then named ones in a `__keywords` object. */
function evaluateArgs(args: Arg[], env: RenderEnv): unknown[] {
  const positional: unknown[] = [];
  let named: Record<string, unknown> | null = null;
  for (const a of args) {
    const v = evaluate(a.value, env);
    if (a.name) {
      named ??= { __keywords: true };
      Object.defineProperty(named, a.name, { value: v, enumerable: true, writable: true, configurable: true });
    } else {
      positional.push(v);
    }
  }
  return named ? [...positional, named] : positional;
}

/** A filter's or function's result is data the template goes on with: check its size. */
function checked(value: unknown, env: RenderEnv): unknown {
  if (typeof value === 'string') env.budget.chars(value.length);
  else if (Array.isArray(value)) env.budget.items(value.length);
  return value;
}

/** Evaluates `node`, or null when it names something undefined (for `??`, `is defined`, `default`). */
function orNullWhenUndefined(node: Node, env: RenderEnv): { value: unknown; undefined: boolean } {
  try {
    return { value: evaluate(node, env), undefined: false };
  } catch (e) {
    if (e instanceof UndefinedError) return { value: null, undefined: true };
    throw e;
  }
}

function call(node: Extract<Node, { kind: 'call' }>, env: RenderEnv): unknown {
  const fn = env.library.functions.get(node.name);
  if (fn) return checked(fn.apply({ ctx: env.root }, evaluateArgs(node.args, env)), env);
  if (node.name === 'block' && !env.template.macros.has('block')) {
    const [name] = node.args.map((a) => evaluate(a.value, env));
    return env.renderer.renderBlock(env, stringify(name));
  }
  const macro = env.template.macros.get(node.name);
  if (!macro) throw new ExpressionError(`Function or Macro [${node.name}] does not exist`);
  const positional: unknown[] = [];
  const named = new Map<string, unknown>();
  for (const a of node.args) {
    const v = evaluate(a.value, env);
    if (a.name) named.set(a.name, v);
    else positional.push(v);
  }
  return env.renderer.callMacro(env, macro, positional, named);
}

/**
 * Evaluates a Pebble expression tree. This is the whole of what a template
 * can do: read plain data, call the filters, functions and tests the engine
 * registered, and combine values with Pebble's operators.
 */
export function evaluate(node: Node, env: RenderEnv): unknown {
  env.budget.step();
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'interpolated': {
      const s = node.parts.map((p) => javaString(evaluate(p, env), env.budget)).join('');
      env.budget.chars(s.length);
      return s;
    }
    case 'name':
      return env.scope.get(node.name);
    case 'attr':
      return memberOf(evaluate(node.target, env), node.name);
    case 'index':
      return memberOf(evaluate(node.target, env), evaluate(node.index, env));
    case 'call':
      return call(node, env);
    case 'filter': {
      const filter = env.library.filters.get(node.name);
      if (!filter) throw new ExpressionError(`Filter [${node.name}] does not exist`);
      const input = node.name === 'default' ? orNullWhenUndefined(node.target, env).value : evaluate(node.target, env);
      return checked(filter(input, ...evaluateArgs(node.args, env)), env);
    }
    case 'test': {
      const test = env.library.tests.get(node.name);
      if (!test) throw new ExpressionError(`Test [${node.name}] does not exist`);
      const input = node.name === 'defined' ? orNullWhenUndefined(node.target, env).value : evaluate(node.target, env);
      const result = test(input, ...evaluateArgs(node.args, env));
      return node.negated ? !result : result;
    }
    case 'unary': {
      const v = evaluate(node.operand, env);
      if (node.op === 'not') return !pebbleBool(v, 'not()');
      return pebbleUnary(node.op, v);
    }
    case 'binary':
      return binary(node, env);
    case 'ternary':
      return pebbleBool(evaluate(node.cond, env), 'ternary expression') ? evaluate(node.then, env) : evaluate(node.otherwise, env);
    case 'list': {
      env.budget.items(node.items.length);
      return node.items.map((item) => evaluate(item, env));
    }
    case 'map':
      env.budget.items(node.entries.length);
      return newMap(node.entries.map(([k, v]) => [stringify(evaluate(k, env), env.budget), evaluate(v, env)]));
  }
}

function binary(node: Extract<Node, { kind: 'binary' }>, env: RenderEnv): unknown {
  switch (node.op) {
    case 'and':
      return pebbleBool(evaluate(node.left, env), 'and operator') && pebbleBool(evaluate(node.right, env), 'and operator');
    case 'or':
      return pebbleBool(evaluate(node.left, env), 'or operator') || pebbleBool(evaluate(node.right, env), 'or operator');
    case '??': {
      // Kestra's NullCoalescingExpression: anything undefined inside the left side, or null, falls through
      const left = orNullWhenUndefined(node.left, env);
      return left.value !== null && left.value !== undefined ? left.value : evaluate(node.right, env);
    }
    case '???': {
      const left = orNullWhenUndefined(node.left, env);
      return left.undefined ? evaluate(node.right, env) : left.value;
    }
    case '..':
      return pebbleRange(evaluate(node.left, env), evaluate(node.right, env), 1, env.budget);
    default:
      return pebbleOperator(node.op, evaluate(node.left, env), evaluate(node.right, env), env.budget);
  }
}
