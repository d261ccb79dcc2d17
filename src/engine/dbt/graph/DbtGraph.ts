import type { DbtNode, Manifest } from '../project/types';

/**
 * The project's DAG: every enabled node and source, with edges from what a
 * node reads to the node (dbt's parent_map / child_map).
 */
export class DbtGraph {
  readonly parents = new Map<string, Set<string>>();
  readonly children = new Map<string, Set<string>>();

  constructor(readonly manifest: Manifest) {
    for (const id of [...manifest.nodes.keys(), ...manifest.sources.keys()]) {
      this.parents.set(id, new Set());
      this.children.set(id, new Set());
    }
    for (const n of manifest.nodes.values()) {
      for (const p of n.dependsOn) {
        if (!this.parents.has(p)) continue;
        this.parents.get(n.uniqueId)!.add(p);
        this.children.get(p)!.add(n.uniqueId);
      }
    }
  }

  ids(): string[] {
    return [...this.parents.keys()];
  }

  private walk(start: string, next: Map<string, Set<string>>, depth: number | null): Set<string> {
    const out = new Set<string>();
    let frontier = [start];
    for (let d = 0; frontier.length && (depth === null || d < depth); d++) {
      const nextFrontier: string[] = [];
      for (const id of frontier) {
        for (const n of next.get(id) ?? []) {
          if (!out.has(n)) {
            out.add(n);
            nextFrontier.push(n);
          }
        }
      }
      frontier = nextFrontier;
    }
    return out;
  }

  ancestors(id: string, depth: number | null = null): Set<string> {
    return this.walk(id, this.parents, depth);
  }

  descendants(id: string, depth: number | null = null): Set<string> {
    return this.walk(id, this.children, depth);
  }

  /** parent_map / child_map as dbt writes them in manifest.json (sorted lists). */
  maps(): { parentMap: Record<string, string[]>; childMap: Record<string, string[]> } {
    const parentMap: Record<string, string[]> = {};
    const childMap: Record<string, string[]> = {};
    for (const id of [...this.parents.keys()].sort()) {
      parentMap[id] = [...this.parents.get(id)!].sort();
      childMap[id] = [...this.children.get(id)!].sort();
    }
    return { parentMap, childMap };
  }
}

/** A node to run and what it waits for (selected ancestors, and in `dbt build` the tests of its parents). */
export interface PlannedNode {
  node: DbtNode;
  deps: Set<string>;
  level: number;
}

/**
 * The order dbt runs selected nodes in with one thread: its GraphQueue takes
 * the ready node with the lowest (depth level, unique id). In `dbt build` a
 * node also waits for the tests on its parents (dbt's test edges), so a
 * failing test skips what is built on the tested model.
 */
export function planExecution(graph: DbtGraph, selected: Set<string>, withTestEdges: boolean): PlannedNode[] {
  const nodes = [...selected].map((id) => graph.manifest.nodes.get(id)).filter((n): n is DbtNode => Boolean(n));
  const deps = new Map<string, Set<string>>();
  for (const n of nodes) {
    const anc = graph.ancestors(n.uniqueId);
    deps.set(n.uniqueId, new Set([...anc].filter((a) => selected.has(a) && graph.manifest.nodes.has(a))));
  }
  if (withTestEdges) {
    // dbt's Linker.add_test_edges: a test on X comes before the children of X that depend on everything the test reads
    for (const t of nodes) {
      if (t.resourceType !== 'test') continue;
      const testParents = [...graph.parents.get(t.uniqueId) ?? []].filter((p) => graph.manifest.nodes.has(p));
      for (const p of testParents) {
        for (const child of graph.descendants(p)) {
          if (!selected.has(child) || child === t.uniqueId) continue;
          const c = graph.manifest.nodes.get(child);
          if (!c || c.resourceType === 'test') continue;
          const childAnc = graph.ancestors(child);
          if (testParents.every((tp) => childAnc.has(tp))) {
            deps.get(child)!.add(t.uniqueId);
            for (const d of deps.get(t.uniqueId)!) deps.get(child)!.add(d);
          }
        }
      }
    }
    // keep the relation transitive so levels are longest paths
    let changed = true;
    while (changed) {
      changed = false;
      for (const [id, ds] of deps) {
        for (const d of [...ds]) {
          for (const dd of deps.get(d) ?? []) {
            if (!ds.has(dd) && dd !== id) {
              ds.add(dd);
              changed = true;
            }
          }
        }
      }
    }
  }
  const level = new Map<string, number>();
  const levelOf = (id: string, stack: Set<string>): number => {
    if (level.has(id)) return level.get(id)!;
    if (stack.has(id)) return 0;
    stack.add(id);
    let l = 0;
    for (const d of deps.get(id) ?? []) l = Math.max(l, levelOf(d, stack) + 1);
    stack.delete(id);
    level.set(id, l);
    return l;
  };
  const done = new Set<string>();
  const out: PlannedNode[] = [];
  const pending = new Set(nodes.map((n) => n.uniqueId));
  while (pending.size) {
    let best: string | null = null;
    for (const id of pending) {
      if (![...deps.get(id)!].every((d) => done.has(d) || !pending.has(d))) continue;
      if (best === null || levelOf(id, new Set()) < levelOf(best, new Set()) || (levelOf(id, new Set()) === levelOf(best, new Set()) && id < best)) best = id;
    }
    if (best === null) best = [...pending].sort()[0]; // a cycle: dbt refuses it at parse; never reached
    pending.delete(best);
    done.add(best);
    out.push({ node: graph.manifest.nodes.get(best)!, deps: deps.get(best)!, level: levelOf(best, new Set()) });
  }
  return out;
}

/** Finds a cycle in the graph, as dbt's "Found a cycle" error lists it; null when there is none. */
export function findCycle(graph: DbtGraph): string[] | null {
  const state = new Map<string, 0 | 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 1);
    stack.push(id);
    for (const c of graph.children.get(id) ?? []) {
      const s = state.get(c) ?? 0;
      if (s === 1) return [...stack.slice(stack.indexOf(c)), c];
      if (s === 0) {
        const r = visit(c);
        if (r) return r;
      }
    }
    stack.pop();
    state.set(id, 2);
    return null;
  };
  for (const id of graph.ids()) {
    if ((state.get(id) ?? 0) === 0) {
      const r = visit(id);
      if (r) return r;
    }
  }
  return null;
}
