import type { Expr, MacroParam, Node, Target, Template } from './ast';
import { JinjaError, LoopControl, MacroReturn } from './JinjaError';
import type { JinjaBudget } from './JinjaBudget';
import { applyFilter } from './filters';
import { methodOf } from './methods';
import { percentFormat } from './pyFormat';
import { runTest } from './tests';
import {
  asInt,
  compare,
  contains,
  dictGet,
  equals,
  iterate,
  MISSING,
  Namespace,
  NativeFunction,
  PyCallable,
  PyObject,
  str,
  truthy,
  typeName,
  Undefined,
  type CallArgs,
  type Kwargs,
} from './values';

/** Variables of one block level; lookups go outwards to the parent, then to the render's globals. */
export class Scope {
  readonly vars = new Map<string, unknown>();
  constructor(readonly parent: Scope | null) {}
  lookup(name: string): unknown {
    for (let s: Scope | null = this; s; s = s.parent) if (s.vars.has(name)) return s.vars.get(name);
    return MISSING;
  }
}

/** What one render shares: the budget, the globals (dbt's context and macros) and the file, for messages. */
export interface RenderEnv {
  budget: JinjaBudget;
  /** A global name's value, or MISSING (the interpreter then tries Jinja's own globals). */
  globals(name: string): unknown;
  /** Extra text for "'x' is undefined" (dbt suggests `dbt deps`). */
  undefinedHint?: string;
  file?: string;
}

const macroUses = new WeakMap<object, { varargs: boolean; kwargs: boolean; caller: boolean }>();

function usesOf(body: Node[]): { varargs: boolean; kwargs: boolean; caller: boolean } {
  const key = body as unknown as object;
  let u = macroUses.get(key);
  if (!u) {
    u = { varargs: false, kwargs: false, caller: false };
    const seen = new Set<unknown>();
    const walk = (x: unknown): void => {
      if (x === null || typeof x !== 'object' || seen.has(x)) return;
      seen.add(x);
      if (Array.isArray(x)) return x.forEach(walk);
      const o = x as Record<string, unknown>;
      if (o.type === 'name' && typeof o.name === 'string') {
        if (o.name === 'varargs') u!.varargs = true;
        if (o.name === 'kwargs') u!.kwargs = true;
        if (o.name === 'caller') u!.caller = true;
      }
      for (const v of Object.values(o)) walk(v);
    };
    walk(body);
    macroUses.set(key, u);
  }
  return u;
}

/** A `{% macro %}` (or `{% test %}`) value: calling it renders its body with the arguments bound. */
export class JinjaMacro extends PyCallable {
  constructor(
    readonly name: string,
    readonly params: MacroParam[],
    readonly body: Node[],
    /** Where the macro was defined: its free names resolve here, then in the render's globals. */
    readonly closure: Scope | null,
    readonly interp: Interpreter,
    /** Package and file, for messages and the manifest. */
    readonly origin: { package?: string; file?: string } = {},
  ) {
    super();
  }

  getAttr(name: string): unknown {
    if (name === 'name') return this.name;
    if (name === 'arguments') return this.params.map((p) => p.name);
    return MISSING;
  }

  async invoke(call: CallArgs, env: unknown): Promise<unknown> {
    const renv = env as RenderEnv;
    renv.budget.enter(this.name);
    try {
      const scope = new Scope(this.closure);
      const uses = usesOf(this.body);
      const names = this.params.map((p) => p.name);
      if (call.args.length > names.length && !uses.varargs) {
        throw new JinjaError(`macro '${this.name}' takes not more than ${names.length} argument(s)`);
      }
      for (let i = 0; i < names.length; i++) {
        if (i < call.args.length) {
          if (call.kwargs.has(names[i])) throw new JinjaError(`macro '${this.name}' got multiple values for argument '${names[i]}'`);
          scope.vars.set(names[i], call.args[i]);
        } else if (call.kwargs.has(names[i])) {
          scope.vars.set(names[i], call.kwargs.get(names[i]));
        } else if (this.params[i].default) {
          scope.vars.set(names[i], await this.interp.evaluate(this.params[i].default!, scope, renv));
        } else {
          scope.vars.set(names[i], new Undefined(names[i], ` (macro '${this.name}' was called without it)`));
        }
      }
      const extra = new Map([...call.kwargs].filter(([k]) => !names.includes(k)));
      if (extra.size && !uses.kwargs) {
        throw new JinjaError(`macro '${this.name}' takes no keyword argument '${[...extra.keys()][0]}'`);
      }
      scope.vars.set('varargs', call.args.slice(names.length));
      scope.vars.set('kwargs', extra);
      if (call.caller) scope.vars.set('caller', call.caller);
      else if (uses.caller && !scope.vars.has('caller')) scope.vars.set('caller', new Undefined('caller', ' (this macro must be used in a `{% call %}` block)'));
      const out: string[] = [];
      try {
        await this.interp.renderNodes(this.body, scope, renv, out);
      } catch (e) {
        if (e instanceof MacroReturn) return e.value;
        throw e;
      }
      return out.join('');
    } finally {
      renv.budget.leave();
    }
  }
}

class LoopObject extends PyObject {
  readonly typeName = 'LoopContext';
  index0 = 0;
  constructor(readonly items: unknown[]) {
    super();
  }
  getAttr(name: string): unknown {
    const n = this.items.length;
    const i = this.index0;
    switch (name) {
      case 'index':
        return i + 1;
      case 'index0':
        return i;
      case 'revindex':
        return n - i;
      case 'revindex0':
        return n - i - 1;
      case 'first':
        return i === 0;
      case 'last':
        return i === n - 1;
      case 'length':
        return n;
      case 'depth':
        return 1;
      case 'depth0':
        return 0;
      case 'previtem':
        return i > 0 ? this.items[i - 1] : new Undefined('previtem', ' (there is no previous item)');
      case 'nextitem':
        return i < n - 1 ? this.items[i + 1] : new Undefined('nextitem', ' (there is no next item)');
      case 'cycle':
        return new NativeFunction('loop.cycle', (c) => {
          if (!c.args.length) throw new JinjaError('no items for cycling given');
          return c.args[i % c.args.length];
        });
    }
    return MISSING;
  }
}

/** A PyObject that takes part in `+`, `-`, `<`… (dates and time deltas). */
export interface Operand {
  binaryOp(op: string, other: unknown, reflected: boolean): unknown;
}
const isOperand = (x: unknown): x is Operand => x instanceof PyObject && typeof (x as unknown as Operand).binaryOp === 'function';

function arith(op: string, a: unknown, b: unknown, budget: JinjaBudget): unknown {
  const isNum = (x: unknown) => typeof x === 'number' || typeof x === 'boolean';
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
  if (isOperand(a)) {
    const r = a.binaryOp(op, b, false);
    if (r !== MISSING) return r;
  }
  if (isOperand(b)) {
    const r = b.binaryOp(op, a, true);
    if (r !== MISSING) return r;
  }
  const bad = () => new JinjaError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  switch (op) {
    case '+':
      if (isNum(a) && isNum(b)) return Number(a) + Number(b);
      if (typeof a === 'string' && typeof b === 'string') {
        budget.chars(a.length + b.length);
        return a + b;
      }
      if (Array.isArray(a) && Array.isArray(b)) {
        budget.items(a.length + b.length);
        return [...a, ...b];
      }
      throw bad();
    case '-':
      if (isNum(a) && isNum(b)) return Number(a) - Number(b);
      throw bad();
    case '*': {
      if (isNum(a) && isNum(b)) return Number(a) * Number(b);
      const [seq, n] = isNum(a) ? [b, Number(a)] : [a, Number(b)];
      if ((typeof seq === 'string' || Array.isArray(seq)) && (isNum(a) || isNum(b)) && Number.isInteger(n)) {
        const times = Math.max(0, n);
        if (typeof seq === 'string') {
          budget.chars(seq.length * times);
          return seq.repeat(times);
        }
        budget.items(seq.length * times);
        const out: unknown[] = [];
        for (let i = 0; i < times; i++) out.push(...seq);
        return out;
      }
      throw bad();
    }
    case '/':
      if (isNum(a) && isNum(b)) {
        if (Number(b) === 0) throw new JinjaError('division by zero');
        return Number(a) / Number(b);
      }
      throw bad();
    case '//':
      if (isNum(a) && isNum(b)) {
        if (Number(b) === 0) throw new JinjaError('integer division or modulo by zero');
        return Math.floor(Number(a) / Number(b));
      }
      throw bad();
    case '%':
      if (typeof a === 'string') {
        const out = percentFormat(a, b);
        budget.chars(out.length);
        return out;
      }
      if (isNum(a) && isNum(b)) {
        if (Number(b) === 0) throw new JinjaError('integer division or modulo by zero');
        const r = Number(a) % Number(b);
        return r !== 0 && Math.sign(r) !== Math.sign(Number(b)) ? r + Number(b) : r;
      }
      throw bad();
    case '**':
      if (isNum(a) && isNum(b)) {
        const r = Number(a) ** Number(b);
        if (!Number.isFinite(r) && Number.isFinite(Number(a))) throw new JinjaError('numerical result out of range');
        return r;
      }
      throw bad();
  }
  throw new JinjaError(`unknown operator ${op}`);
}

function sliceOf(v: unknown, start: number | null, stop: number | null, step: number | null): unknown {
  const seq = typeof v === 'string' ? [...v] : Array.isArray(v) ? v : null;
  if (!seq) throw new JinjaError(`'${typeName(v)}' object is not subscriptable`);
  const n = seq.length;
  const st = step ?? 1;
  if (st === 0) throw new JinjaError('slice step cannot be zero');
  const norm = (x: number | null, def: number) => {
    if (x === null) return def;
    if (x < 0) x += n;
    return st > 0 ? Math.min(Math.max(x, 0), n) : Math.min(Math.max(x, -1), n - 1);
  };
  const a = norm(start, st > 0 ? 0 : n - 1);
  const b = norm(stop, st > 0 ? n : -1);
  const out: unknown[] = [];
  for (let i = a; st > 0 ? i < b : i > b; i += st) out.push(seq[i]);
  return typeof v === 'string' ? out.join('') : out;
}

/** Jinja's own globals (range, dict, namespace, cycler, joiner). */
const JINJA_GLOBALS: Record<string, PyCallable> = {
  range: new NativeFunction('range', (c, env) => {
    const nums = c.args.map((a, i) => asInt(a, `range() argument ${i + 1}`));
    const [start, stop, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
    if (step === 0) throw new JinjaError('range() arg 3 must not be zero');
    const count = Math.max(0, Math.ceil((stop - start) / step));
    (env as RenderEnv).budget.items(count);
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
    return out;
  }),
  dict: new NativeFunction('dict', (c) => {
    const m = new Map<unknown, unknown>();
    if (c.args[0] instanceof Map) for (const [k, v] of c.args[0]) m.set(k, v);
    else if (Array.isArray(c.args[0])) for (const p of c.args[0]) m.set((p as unknown[])[0], (p as unknown[])[1]);
    for (const [k, v] of c.kwargs) m.set(k, v);
    return m;
  }),
  namespace: new NativeFunction('namespace', (c) => {
    const m = new Map<string, unknown>();
    if (c.args[0] instanceof Map) for (const [k, v] of c.args[0]) m.set(str(k), v);
    for (const [k, v] of c.kwargs) m.set(k, v);
    return new Namespace(m);
  }),
  cycler: new NativeFunction('cycler', (c) => {
    const items = c.args;
    let pos = 0;
    const next = new NativeFunction('cycler.next', () => items[pos++ % items.length]);
    return new (class extends PyObject {
      readonly typeName = 'Cycler';
      getAttr(name: string) {
        if (name === 'next') return next;
        if (name === 'current') return items[pos % items.length];
        if (name === 'reset') return new NativeFunction('cycler.reset', () => ((pos = 0), null));
        return MISSING;
      }
    })();
  }),
  joiner: new NativeFunction('joiner', (c) => {
    const sep = c.args.length ? str(c.args[0]) : ', ';
    let used = false;
    return new NativeFunction('joiner', () => {
      if (used) return sep;
      used = true;
      return '';
    });
  }),
};

export class Interpreter {
  /** Renders a parsed template; `scope` is its top-level scope (top-level `set`s land there). */
  async render(template: Template, env: RenderEnv, scope = new Scope(null)): Promise<string> {
    const out: string[] = [];
    try {
      await this.renderNodes(template.body, scope, env, out);
    } catch (e) {
      if (e instanceof MacroReturn) throw new JinjaError('return() was called outside of a macro');
      if (e instanceof LoopControl) throw new JinjaError(`{% ${e.kind} %} outside of a for loop`);
      throw e;
    }
    return out.join('');
  }

  lookup(name: string, scope: Scope | null, env: RenderEnv): unknown {
    const local = scope ? scope.lookup(name) : MISSING;
    if (local !== MISSING) return local;
    const g = env.globals(name);
    if (g !== MISSING) return g;
    if (Object.prototype.hasOwnProperty.call(JINJA_GLOBALS, name)) return JINJA_GLOBALS[name];
    return new Undefined(name, env.undefinedHint ?? '');
  }

  /** Jinja's `obj.name`: the attribute, else the item; an Undefined when neither exists. */
  getAttr(obj: unknown, name: string): unknown {
    if (obj instanceof Undefined) obj.fail();
    if (obj instanceof PyObject || obj instanceof PyCallable) {
      const v = obj.getAttr(name);
      if (v !== MISSING) return v;
      if (obj instanceof PyObject) {
        const item = obj.getItem(name);
        if (item !== MISSING) return item;
      }
      return new Undefined(name, ` ('${typeName(obj)}' object has no attribute '${name}')`);
    }
    const method = methodOf(obj, name);
    if (method !== MISSING) return method;
    if (obj instanceof Map) {
      const v = dictGet(obj, name);
      if (v !== MISSING) return v;
    }
    return new Undefined(name, ` ('${typeName(obj)}' object has no attribute '${name}')`);
  }

  /** Jinja's `obj[key]`: the item, else the attribute. */
  getItem(obj: unknown, key: unknown): unknown {
    if (obj instanceof Undefined) obj.fail();
    if (Array.isArray(obj) || typeof obj === 'string') {
      if (typeof key === 'number' || typeof key === 'boolean') {
        const n = Number(key);
        if (!Number.isInteger(n)) throw new JinjaError(`${typeName(obj)} indices must be integers, not float`);
        const len = typeof obj === 'string' ? obj.length : obj.length;
        const i = n < 0 ? len + n : n;
        if (i >= 0 && i < len) return obj[i];
        return new Undefined(String(key), ` (${typeName(obj)} index out of range)`);
      }
      if (typeof key === 'string') return this.getAttr(obj, key);
      throw new JinjaError(`${typeName(obj)} indices must be integers, not ${typeName(key)}`);
    }
    if (obj instanceof Map) {
      const v = dictGet(obj, key);
      if (v !== MISSING) return v;
      return typeof key === 'string' ? this.getAttr(obj, key) : new Undefined(str(key), ' (no such key)');
    }
    if (obj instanceof PyObject) {
      const v = obj.getItem(key);
      if (v !== MISSING) return v;
      return new Undefined(str(key), ` ('${obj.typeName}' has no item ${str(key)})`);
    }
    if (typeof key === 'string') return this.getAttr(obj, key);
    return new Undefined(str(key), ` ('${typeName(obj)}' object is not subscriptable)`);
  }

  async callValue(callee: unknown, call: CallArgs, env: RenderEnv, what = 'value'): Promise<unknown> {
    if (callee instanceof Undefined) callee.fail();
    if (!(callee instanceof PyCallable)) throw new JinjaError(`'${typeName(callee)}' object is not callable (${what})`);
    return callee.invoke(call, env);
  }

  private async evalArgs(e: Extract<Expr, { type: 'call' }> | Extract<Expr, { type: 'filter' }>, scope: Scope | null, env: RenderEnv): Promise<{ args: unknown[]; kwargs: Kwargs }> {
    const args: unknown[] = [];
    for (const a of e.args) args.push(await this.evaluate(a, scope, env));
    const kwargs: Kwargs = new Map();
    for (const [k, v] of e.kwargs) kwargs.set(k, await this.evaluate(v, scope, env));
    if (e.type === 'call') {
      if (e.starArgs) args.push(...iterate(await this.evaluate(e.starArgs, scope, env)));
      if (e.starKwargs) {
        const m = await this.evaluate(e.starKwargs, scope, env);
        if (!(m instanceof Map)) throw new JinjaError(`argument after ** must be a mapping, not ${typeName(m)}`);
        for (const [k, v] of m) kwargs.set(str(k), v);
      }
    }
    return { args, kwargs };
  }

  async evaluate(e: Expr, scope: Scope | null, env: RenderEnv): Promise<unknown> {
    env.budget.step();
    try {
      return await this.evalInner(e, scope, env);
    } catch (err) {
      if (err instanceof JinjaError && err.line === undefined) err.line = e.line;
      throw err;
    }
  }

  private async evalInner(e: Expr, scope: Scope | null, env: RenderEnv): Promise<unknown> {
    switch (e.type) {
      case 'literal':
        return e.value;
      case 'name':
        return this.lookup(e.name, scope, env);
      case 'attr':
        return this.getAttr(await this.evaluate(e.object, scope, env), e.name);
      case 'item':
        return this.getItem(await this.evaluate(e.object, scope, env), await this.evaluate(e.index, scope, env));
      case 'slice': {
        const obj = await this.evaluate(e.object, scope, env);
        const part = async (x: Expr | null) => (x ? asInt(await this.evaluate(x, scope, env), 'slice index') : null);
        return sliceOf(obj, await part(e.start), await part(e.stop), await part(e.step));
      }
      case 'call': {
        const callee = await this.evaluate(e.callee, scope, env);
        const { args, kwargs } = await this.evalArgs(e, scope, env);
        const what = e.callee.type === 'name' ? e.callee.name : e.callee.type === 'attr' ? e.callee.name : 'value';
        return this.callValue(callee, { args, kwargs }, env, what);
      }
      case 'filter': {
        const value = e.value ? await this.evaluate(e.value, scope, env) : null;
        const { args, kwargs } = await this.evalArgs(e, scope, env);
        return applyFilter(e.name, value, args, kwargs, { budget: env.budget, getAttr: (o, n) => this.getAttr(o, n) });
      }
      case 'test': {
        const value = await this.evaluate(e.value, scope, env);
        const args: unknown[] = [];
        for (const a of e.args) args.push(await this.evaluate(a, scope, env));
        const r = runTest(e.name, value, args);
        return e.negated ? !r : r;
      }
      case 'binary':
        return arith(e.op, await this.evaluate(e.left, scope, env), await this.evaluate(e.right, scope, env), env.budget);
      case 'unary': {
        const v = await this.evaluate(e.operand, scope, env);
        if (e.op === 'not') return !truthy(v);
        if (v instanceof Undefined) v.fail();
        if (typeof v !== 'number' && typeof v !== 'boolean') throw new JinjaError(`bad operand type for unary ${e.op}: '${typeName(v)}'`);
        return e.op === '-' ? -Number(v) : Number(v);
      }
      case 'compare': {
        let left = await this.evaluate(e.first, scope, env);
        for (const [op, rightExpr] of e.ops) {
          const right = await this.evaluate(rightExpr, scope, env);
          let ok: boolean;
          switch (op) {
            case '==':
              ok = equals(left, right);
              break;
            case '!=':
              ok = !equals(left, right);
              break;
            case 'in':
              ok = contains(right, left);
              break;
            case 'notin':
              ok = !contains(right, left);
              break;
            default: {
              if (left instanceof Undefined) left.fail();
              if (right instanceof Undefined) right.fail();
              if (left === null || right === null) throw new JinjaError(`'${op}' not supported between instances of '${typeName(left)}' and '${typeName(right)}'`);
              const c = compare(left, right);
              ok = op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
            }
          }
          if (!ok) return false;
          left = right;
        }
        return true;
      }
      case 'and': {
        const l = await this.evaluate(e.left, scope, env);
        return truthy(l) ? this.evaluate(e.right, scope, env) : l;
      }
      case 'or': {
        const l = await this.evaluate(e.left, scope, env);
        return truthy(l) ? l : this.evaluate(e.right, scope, env);
      }
      case 'cond':
        if (truthy(await this.evaluate(e.test, scope, env))) return this.evaluate(e.then, scope, env);
        return e.else ? this.evaluate(e.else, scope, env) : new Undefined('', ' (the conditional expression has no else)');
      case 'concat': {
        let out = '';
        for (const p of e.parts) {
          out += str(await this.evaluate(p, scope, env));
          env.budget.chars(out.length);
        }
        return out;
      }
      case 'list':
      case 'tuple': {
        const out: unknown[] = [];
        for (const x of e.items) out.push(await this.evaluate(x, scope, env));
        return out;
      }
      case 'dict': {
        const m = new Map<unknown, unknown>();
        for (const [k, v] of e.entries) m.set(await this.evaluate(k, scope, env), await this.evaluate(v, scope, env));
        return m;
      }
    }
  }

  private assign(target: Target, value: unknown, scope: Scope): void {
    if (target.type === 'name') {
      scope.vars.set(target.name, value);
      return;
    }
    if (target.type === 'attr') {
      const ns = scope.lookup(target.object);
      if (!(ns instanceof Namespace)) throw new JinjaError(`cannot assign attribute on non-namespace object '${target.object}'`);
      ns.attrs.set(target.name, value);
      return;
    }
    const items = iterate(value);
    if (items.length !== target.items.length) {
      throw new JinjaError(`${items.length > target.items.length ? 'too many' : 'not enough'} values to unpack (expected ${target.items.length}, got ${items.length})`);
    }
    target.items.forEach((t, i) => this.assign(t, items[i], scope));
  }

  async renderNodes(nodes: Node[], scope: Scope, env: RenderEnv, out: string[]): Promise<void> {
    for (const node of nodes) {
      env.budget.step();
      try {
        await this.renderNode(node, scope, env, out);
      } catch (err) {
        if (err instanceof JinjaError && err.line === undefined && 'line' in node) err.line = node.line;
        throw err;
      }
    }
  }

  private outLength = new WeakMap<string[], number>();

  private write(out: string[], text: string, env: RenderEnv): void {
    const n = (this.outLength.get(out) ?? 0) + text.length;
    env.budget.chars(n);
    this.outLength.set(out, n);
    out.push(text);
  }

  private async renderNode(node: Node, scope: Scope, env: RenderEnv, out: string[]): Promise<void> {
    switch (node.type) {
      case 'text':
        this.write(out, node.text, env);
        return;
      case 'output': {
        const v = await this.evaluate(node.expr, scope, env);
        this.write(out, str(v), env);
        return;
      }
      case 'if':
        for (const b of node.branches) {
          if (truthy(await this.evaluate(b.test, scope, env))) return this.renderNodes(b.body, scope, env, out);
        }
        if (node.else) await this.renderNodes(node.else, scope, env, out);
        return;
      case 'for': {
        let items = iterate(await this.evaluate(node.iter, scope, env));
        if (node.filter) {
          const kept: unknown[] = [];
          for (const item of items) {
            const s = new Scope(scope);
            this.assign(node.target, item, s);
            if (truthy(await this.evaluate(node.filter, s, env))) kept.push(item);
          }
          items = kept;
        }
        if (!items.length) {
          if (node.else) await this.renderNodes(node.else, scope, env, out);
          return;
        }
        items = [...items];
        const loop = new LoopObject(items);
        for (let i = 0; i < items.length; i++) {
          loop.index0 = i;
          const s = new Scope(scope);
          s.vars.set('loop', loop);
          this.assign(node.target, items[i], s);
          try {
            await this.renderNodes(node.body, s, env, out);
          } catch (e) {
            if (e instanceof LoopControl) {
              if (e.kind === 'break') break;
              continue;
            }
            throw e;
          }
        }
        return;
      }
      case 'set':
        this.assign(node.target, await this.evaluate(node.expr, scope, env), scope);
        return;
      case 'setBlock': {
        const buf: string[] = [];
        await this.renderNodes(node.body, new Scope(scope), env, buf);
        let value: unknown = buf.join('');
        value = await this.applyFilters(node.filters, value, scope, env);
        this.assign(node.target, value, scope);
        return;
      }
      case 'macro':
        scope.vars.set(node.name, new JinjaMacro(node.name, node.params, node.body, scope, this, { file: env.file }));
        return;
      case 'callBlock': {
        const caller = new JinjaMacro('caller', node.params, node.body, scope, this, { file: env.file });
        const call = node.call as Extract<Expr, { type: 'call' }>;
        const callee = await this.evaluate(call.callee, scope, env);
        const { args, kwargs } = await this.evalArgs(call, scope, env);
        const v = await this.callValue(callee, { args, kwargs, caller }, env, call.callee.type === 'name' ? call.callee.name : 'call block');
        this.write(out, str(v), env);
        return;
      }
      case 'filterBlock': {
        const buf: string[] = [];
        await this.renderNodes(node.body, new Scope(scope), env, buf);
        this.write(out, str(await this.applyFilters(node.filters, buf.join(''), scope, env)), env);
        return;
      }
      case 'do':
        await this.evaluate(node.expr, scope, env);
        return;
      case 'with': {
        const s = new Scope(scope);
        for (const [t, e] of node.assignments) this.assign(t, await this.evaluate(e, s, env), s);
        await this.renderNodes(node.body, s, env, out);
        return;
      }
      case 'break':
      case 'continue':
        throw new LoopControl(node.type);
    }
  }

  private async applyFilters(filters: Expr[], value: unknown, scope: Scope, env: RenderEnv): Promise<unknown> {
    let v = value;
    for (const f of filters) {
      if (f.type !== 'filter') continue;
      const args: unknown[] = [];
      for (const a of f.args) args.push(await this.evaluate(a, scope, env));
      const kwargs: Kwargs = new Map();
      for (const [k, x] of f.kwargs) kwargs.set(k, await this.evaluate(x, scope, env));
      v = applyFilter(f.name, v, args, kwargs, { budget: env.budget, getAttr: (o, n) => this.getAttr(o, n) });
    }
    return v;
  }
}
