import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FlowPath } from './FlowError';

export interface Position {
  line: number;
  column: number;
}

/**
 * Where to point for a path: `value` is the value itself (a wrong value),
 * `key` the key that holds it (an unknown property), `map` the start of the
 * map at the path, i.e. its first key (a missing property).
 */
export type Target = 'value' | 'key' | 'map';

export type Locate = (path: FlowPath, target?: Target) => Position;

/**
 * Finds the line and column (1-based) of a path in a parsed YAML document.
 * A path that goes further than the document points at the deepest node found.
 */
export function createLocator(root: unknown, lineCounter: LineCounter): Locate {
  // each map's keys, indexed the first time a path goes through it: one lookup per
  // path segment, so locating every key of a map of 50,000 keys stays linear
  const indexes = new WeakMap<object, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items as Pair[]) {
        if (!isScalar(p.key)) continue;
        const k = String(p.key.value);
        if (!index.has(k)) index.set(k, p);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return (path, target = 'value') => {
    let node: unknown = root;
    let best: Node | null = (root as Node) ?? null;
    let lastKey: Node | null = null;
    let complete = true;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = pairOf(node, String(seg));
        if (!pair) {
          complete = false;
          break;
        }
        lastKey = pair.key as Node;
        const value = pair.value as Node | null;
        best = value && value.range ? value : lastKey;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) {
          complete = false;
          break;
        }
        lastKey = null;
        best = item;
        node = item;
      } else {
        complete = false;
        break;
      }
    }
    let at: Node | null = best;
    if (complete && target === 'key' && lastKey) at = lastKey;
    const offset = at?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
}
