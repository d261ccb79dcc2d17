/** The tree a dbt Jinja template parses into; the interpreter walks it (no template ever becomes JavaScript). */

export type Expr =
  | { type: 'literal'; value: unknown; line: number }
  | { type: 'name'; name: string; line: number }
  | { type: 'attr'; object: Expr; name: string; line: number }
  | { type: 'item'; object: Expr; index: Expr; line: number }
  | { type: 'slice'; object: Expr; start: Expr | null; stop: Expr | null; step: Expr | null; line: number }
  | { type: 'call'; callee: Expr; args: Expr[]; kwargs: [string, Expr][]; starArgs: Expr | null; starKwargs: Expr | null; line: number }
  | { type: 'filter'; value: Expr | null; name: string; args: Expr[]; kwargs: [string, Expr][]; line: number }
  | { type: 'test'; value: Expr; name: string; args: Expr[]; negated: boolean; line: number }
  | { type: 'binary'; op: string; left: Expr; right: Expr; line: number }
  | { type: 'unary'; op: 'not' | '-' | '+'; operand: Expr; line: number }
  | { type: 'compare'; first: Expr; ops: [string, Expr][]; line: number }
  | { type: 'and' | 'or'; left: Expr; right: Expr; line: number }
  | { type: 'cond'; test: Expr; then: Expr; else: Expr | null; line: number }
  | { type: 'concat'; parts: Expr[]; line: number }
  | { type: 'list' | 'tuple'; items: Expr[]; line: number }
  | { type: 'dict'; entries: [Expr, Expr][]; line: number };

/** Where a `for` or `set` assigns: a name, or a tuple of them (`for k, v in d.items()`). */
export type Target = { type: 'name'; name: string } | { type: 'tuple'; items: Target[] } | { type: 'attr'; object: string; name: string };

export interface MacroParam {
  name: string;
  default: Expr | null;
}

export type Node =
  | { type: 'text'; text: string }
  | { type: 'output'; expr: Expr; line: number }
  | { type: 'if'; branches: { test: Expr; body: Node[] }[]; else: Node[] | null; line: number }
  | { type: 'for'; target: Target; iter: Expr; filter: Expr | null; body: Node[]; else: Node[] | null; line: number }
  | { type: 'set'; target: Target; expr: Expr; line: number }
  | { type: 'setBlock'; target: Target; body: Node[]; filters: Expr[]; line: number }
  | { type: 'macro'; name: string; params: MacroParam[]; body: Node[]; line: number }
  | { type: 'callBlock'; call: Expr; params: MacroParam[]; body: Node[]; line: number }
  | { type: 'filterBlock'; filters: Expr[]; body: Node[]; line: number }
  | { type: 'do'; expr: Expr; line: number }
  | { type: 'with'; assignments: [Target, Expr][]; body: Node[]; line: number }
  | { type: 'break' | 'continue'; line: number };

/** A parsed template: its nodes, and the `{% macro %}` / `{% test %}` blocks found at its top level. */
export interface Template {
  body: Node[];
  /** Top-level macro definitions, in order (a macro file is a list of them). */
  macros: Extract<Node, { type: 'macro' }>[];
}
