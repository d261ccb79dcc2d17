import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Pair } from 'yaml';
import { MAX_YAML_DEPTH, type YamlProblem } from './readYaml';

/**
 * How many values aliases may add to a document, all aliases together (an
 * alias of a scalar adds nothing; an alias of a list of ten adds ten). Flows
 * that reuse a few tasks with anchors stay far below; a "billion laughs"
 * document (aliases of aliases of aliases) is stopped at the alias that
 * crosses the line, before anything is expanded.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

export interface YamlTree {
  /** Problems that stop the flow (unknown or recursive alias, too much expansion, duplicate keys...). */
  errors: YamlProblem[];
  /** What Kestra reads differently (aliases). */
  warnings: YamlProblem[];
  /** False when the document cannot be turned into data. */
  convertible: boolean;
  /** The document as plain data, aliases expanded; call only when convertible. */
  toData(): unknown;
}

/** A place in the tree: `owner[key]`, or the document's contents when owner is null (plain data, no closures: a map of 50,000 keys makes 100,000 slots). */
interface Slot {
  node: Node;
  owner: Pair | (Node | null)[] | null;
  key: 'key' | 'value' | number;
}

interface Frame {
  node: Node;
  slots: Slot[];
  next: number;
  level: number;
  size: number;
  depth: number;
}

/**
 * One pass over a parsed document, without recursion, in document order:
 * resolves every alias to the anchor defined last before it (as YAML says),
 * and refuses an alias with no anchor, an alias inside the node it names,
 * and aliases that would expand the document past MAX_ALIAS_EXPANSION values
 * or MAX_YAML_DEPTH levels. Also reports duplicate keys and `{{ x }}` written
 * unquoted (a map inside a map to YAML). Linear in the size of the text.
 */
export function inspectYamlTree(doc: Document.Parsed): YamlTree {
  const errors: YamlProblem[] = [];
  const warnings: YamlProblem[] = [];
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  const measured = new Map<Node, { size: number; depth: number }>();
  const expansions: { alias: Alias; target: Node; slot: Slot }[] = [];
  /** Puts another node in a slot (to expand an alias before toJS, and back). */
  const put = (slot: Slot, node: Node) => {
    if (slot.owner === null) doc.contents = node as typeof doc.contents;
    else if (Array.isArray(slot.owner)) slot.owner[slot.key as number] = node;
    else (slot.owner as unknown as Record<string, unknown>)[slot.key as string] = node;
  };
  let convertible = true;
  let added = 0;
  let expansionReported = false;

  const root = doc.contents as Node | null;
  if (!root) return { errors, warnings, convertible, toData: () => doc.toJS() };

  const stack: Frame[] = [];
  const enter = (slot: Slot, level: number): { size: number; depth: number } | null => {
    const node = slot.node;
    if (isAlias(node)) return visitAlias(node, slot, level);
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    const slots = childSlots(node, errors);
    if (slots.length === 0) {
      if (anchor) measured.set(node, { size: 1, depth: 1 });
      return { size: 1, depth: 1 };
    }
    open.add(node);
    stack.push({ node, slots, next: 0, level, size: 1, depth: 1 });
    return null;
  };

  const visitAlias = (alias: Alias, slot: Slot, level: number): { size: number; depth: number } => {
    const offset = alias.range?.[0] ?? 0;
    const target = anchors.get(alias.source);
    if (!target) {
      errors.push({ code: 'yaml-alias-unknown', params: { alias: alias.source || '…' }, offset });
      convertible = false;
      return { size: 1, depth: 1 };
    }
    if (open.has(target)) {
      errors.push({ code: 'yaml-alias-recursive', params: { alias: alias.source || '…' }, offset });
      convertible = false;
      return { size: 1, depth: 1 };
    }
    const m = measured.get(target) ?? { size: 1, depth: 1 };
    warnings.push({ code: 'yaml-alias-kestra', params: { alias: alias.source || '…' }, offset });
    if (level + m.depth > MAX_YAML_DEPTH) {
      errors.push({ code: 'yaml-too-deep', params: { max: String(MAX_YAML_DEPTH) }, offset });
      convertible = false;
    }
    added += m.size - 1;
    if (added > MAX_ALIAS_EXPANSION && !expansionReported) {
      expansionReported = true;
      errors.push({ code: 'yaml-alias-expansion', params: { max: MAX_ALIAS_EXPANSION.toLocaleString('en-US') }, offset });
      convertible = false;
    }
    expansions.push({ alias, target, slot });
    return m;
  };

  const finish = (frame: Frame, child: { size: number; depth: number }) => {
    frame.size += child.size;
    if (child.depth + 1 > frame.depth) frame.depth = child.depth + 1;
  };

  enter({ node: root, owner: null, key: 'value' }, 1);
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.slots.length) {
      const done = enter(frame.slots[frame.next++], frame.level + 1);
      if (done) finish(frame, done);
      continue;
    }
    stack.pop();
    open.delete(frame.node);
    const result = { size: frame.size, depth: frame.depth };
    if ((frame.node as { anchor?: string }).anchor) measured.set(frame.node, result);
    if (stack.length) finish(stack[stack.length - 1], result);
  }

  const toData = () => {
    // put each alias's node in its place (shared, not copied), convert, put the aliases back:
    // the expansion was measured above, and the yaml library's own alias lookup is quadratic
    for (const e of expansions) put(e.slot, e.target);
    try {
      return doc.toJS({ maxAliasCount: -1 });
    } finally {
      for (const e of expansions) put(e.slot, e.alias);
    }
  };
  return { errors, warnings, convertible, toData };
}

/** The children of a collection, each with a way to replace it; checks the collection's keys on the way. */
function childSlots(node: Node, errors: YamlProblem[]): Slot[] {
  const slots: Slot[] = [];
  if (isMap(node)) {
    const seen = new Set<unknown>();
    const items = node.items as Pair<Node | null, Node | null>[];
    if (node.flow && items.length === 1) checkUnquotedExpression(node.range?.[0] ?? 0, items[0], errors);
    for (const pair of items) {
      const key = pair.key;
      if (isScalar(key)) {
        if (seen.has(key.value)) {
          errors.push({ code: 'yaml', params: { yamlCode: 'DUPLICATE_KEY', detail: 'Map keys must be unique' }, offset: key.range?.[0] ?? 0 });
        } else seen.add(key.value);
      }
      if (key && typeof key === 'object') slots.push({ node: key, owner: pair, key: 'key' });
      const value = pair.value;
      if (value && typeof value === 'object') slots.push({ node: value, owner: pair, key: 'value' });
    }
  } else if (isSeq(node)) {
    const items = node.items as (Node | null)[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item && typeof item === 'object') slots.push({ node: item, owner: items, key: i });
    }
  }
  return slots;
}

/** `message: {{ inputs.x }}` is valid YAML (a map inside a map), never what was meant. */
function checkUnquotedExpression(offset: number, first: Pair<Node | null, Node | null>, errors: YamlProblem[]): void {
  const value = first.value;
  if (!isMap(first.key) || !(value === null || (isScalar(value) && value.value === null))) return;
  const inner = (first.key.items as Pair[]).map((p) => (isScalar(p.key) ? String(p.key.value) : '')).join(', ');
  errors.push({ code: 'unquoted-expression', params: { expression: inner.trim() || '…' }, offset });
}
