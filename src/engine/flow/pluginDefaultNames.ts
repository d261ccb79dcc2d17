import type { PluginDefault } from './Flow';
import { isMapValue } from './Problems';

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Property names set by the defaults whose `type` ends here. */
  names: Set<string> | null;
}

/**
 * Whether `pluginDefaults` give a property to a task of a type, Kestra matching a
 * default to every type that starts with its `type`. The defaults' types go
 * in a character trie once, so each task walks its own type through it: a
 * flow with thousands of tasks and thousands of defaults stays linear.
 */
export function pluginDefaultNames(pluginDefaults: PluginDefault[] | undefined): (type: string) => (name: string) => boolean {
  const root: TrieNode = { next: new Map(), names: null };
  let any = false;
  for (const d of Array.isArray(pluginDefaults) ? pluginDefaults : []) {
    if (!isMapValue(d) || typeof d.type !== 'string' || !isMapValue(d.values)) continue;
    let node = root;
    for (const ch of d.type) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), names: null }));
      node = child;
    }
    node.names ??= new Set();
    for (const name of Object.keys(d.values)) if (d.values[name] !== undefined) node.names.add(name);
    any = true;
  }
  const none = (): boolean => false;
  return (type) => {
    if (!any) return none;
    const matched: Set<string>[] = [];
    let node: TrieNode | undefined = root;
    if (root.names) matched.push(root.names);
    for (const ch of type) {
      node = node.next.get(ch);
      if (!node) break;
      if (node.names) matched.push(node.names);
    }
    return (name) => matched.some((names) => names.has(name));
  };
}
