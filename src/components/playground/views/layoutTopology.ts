import dagre from '@dagrejs/dagre';
import type { Flow } from '../../../engine/flow/Flow';
import {
  buildTopologyGraph,
  type BranchesOf,
  type GraphCluster,
  type GraphEdge,
  type GraphNode,
} from './buildTopologyGraph';

export type Orientation = 'LR' | 'TB';

export interface Point {
  x: number;
  y: number;
}

/** A node with its box: x/y is the centre, as dagre gives it. */
export interface TopologyNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TopologyCluster extends GraphCluster {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Nesting depth (0 = top level), so outer clusters are drawn first. */
  depth: number;
}

export interface TopologyEdge extends GraphEdge {
  points: Point[];
  /** Centre of the label box, when the edge has a label. */
  labelX?: number;
  labelY?: number;
}

export interface TopologyLayout {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  clusters: TopologyCluster[];
  width: number;
  height: number;
  orientation: Orientation;
}

export interface LayoutOptions {
  orientation?: Orientation;
  /** Child branches of a flowable task (the engine worker knows them; see branchesFromPaths). */
  branchesOf: BranchesOf;
}

/** Size of a node's box; task nodes fit their id and short type on two lines. */
export const TASK_HEIGHT = 46;
const CHAR_WIDTH = 7.2;
const MAX_LABEL_CHARS = 28;

export function shortType(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}

function nodeSize(node: GraphNode): { width: number; height: number } {
  switch (node.kind) {
    case 'start':
    case 'end':
      return { width: 18, height: 18 };
    case 'cluster-end':
      return { width: 10, height: 10 };
    default: {
      const chars = Math.min(MAX_LABEL_CHARS, Math.max((node.taskId ?? '').length, shortType(node.taskType ?? '').length + 2, 10));
      return { width: Math.round(chars * CHAR_WIDTH + 24), height: TASK_HEIGHT };
    }
  }
}

function labelSize(label: string): { width: number; height: number } {
  return { width: Math.min(label.length, MAX_LABEL_CHARS) * 6.5 + 10, height: 16 };
}

/**
 * Lays the flow's topology out with dagre (compound mode: flowable tasks are
 * clusters). Pure: same flow and options, same numbers; runs in Node.
 */
export function layoutTopology(flow: Flow, options: LayoutOptions): TopologyLayout {
  const orientation = options.orientation ?? 'LR';
  const graph = buildTopologyGraph(flow, options.branchesOf);

  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: orientation, nodesep: 24, ranksep: 36, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));

  for (const c of graph.clusters) g.setNode(c.id, {});
  for (const n of graph.nodes) g.setNode(n.id, nodeSize(n));
  for (const c of graph.clusters) if (c.parent) g.setParent(c.id, c.parent);
  for (const n of graph.nodes) if (n.parent) g.setParent(n.id, n.parent);
  for (const e of graph.edges) {
    const label = e.label ? { ...labelSize(e.label), labelpos: 'c' as const } : {};
    g.setEdge(e.from, e.to, { ...label, minlen: 1 }, e.id);
  }

  dagre.layout(g);

  const nodes: TopologyNode[] = graph.nodes.map((n) => {
    const d = g.node(n.id);
    return { ...n, x: d.x ?? 0, y: d.y ?? 0, width: d.width, height: d.height };
  });
  const depthOf = (c: GraphCluster): number => {
    let depth = 0;
    for (let p = c.parent; p; p = graph.clusters.find((x) => x.id === p)?.parent ?? null) depth++;
    return depth;
  };
  const clusters: TopologyCluster[] = graph.clusters
    .map((c) => {
      const d = g.node(c.id);
      return { ...c, x: d.x ?? 0, y: d.y ?? 0, width: d.width ?? 0, height: d.height ?? 0, depth: depthOf(c) };
    })
    .sort((a, b) => a.depth - b.depth);
  const edges: TopologyEdge[] = graph.edges.map((e) => {
    const d = g.edge({ v: e.from, w: e.to, name: e.id });
    return {
      ...e,
      points: (d?.points ?? []).map((p: Point) => ({ x: p.x, y: p.y })),
      ...(e.label && d?.x !== undefined && d?.y !== undefined ? { labelX: d.x, labelY: d.y } : {}),
    };
  });
  const size = g.graph();
  return { nodes, edges, clusters, width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), orientation };
}
