import type { Arg, Node } from './ast';

/** A parsed template: what the interpreter walks. Nothing here is ever turned into code. */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'print'; expr: Node; at: number }
  | { kind: 'if'; branches: { cond: Node; body: TemplateNode[] }[]; otherwise: TemplateNode[] | null; at: number }
  | { kind: 'for'; variable: string; iterable: Node; body: TemplateNode[]; otherwise: TemplateNode[] | null; at: number }
  | { kind: 'set'; name: string; value: Node; at: number }
  | { kind: 'block'; name: string; body: TemplateNode[]; at: number }
  | { kind: 'filter'; filters: { name: string; args: Arg[]; at: number }[]; body: TemplateNode[]; at: number }
  | { kind: 'autoescape'; strategy: string | false; body: TemplateNode[]; at: number }
  /** `cache`, `parallel`: Pebble renders the body in place (there is nothing to cache or run in parallel here). */
  | { kind: 'body'; body: TemplateNode[] };

export interface MacroDefinition {
  name: string;
  params: { name: string; defaultValue: Node | null }[];
  body: TemplateNode[];
  at: number;
}

export interface ParsedTemplate {
  nodes: TemplateNode[];
  macros: Map<string, MacroDefinition>;
  blocks: Map<string, TemplateNode[]>;
}
