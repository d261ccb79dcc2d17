import dagre from '@dagrejs/dagre';
import type { DbtProjectGraph, DbtGraphNode } from '../../../engine/dbt/describeDbtProject';
import type { Point } from './layoutTopology';

export interface LineageBox {
  node: DbtGraphNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LineageLayout {
  boxes: LineageBox[];
  edges: { from: string; to: string; points: Point[] }[];
  width: number;
  height: number;
}

const SIZES: Record<string, [number, number]> = { test: [150, 30], source: [170, 40] };

/**
 * The dbt project's DAG laid out left to right, as dbt docs and Kestra draw
 * it: sources, then seeds and staging models, then core and marts; each test
 * hangs off the model it tests.
 */
export function layoutLineage(graph: DbtProjectGraph): LineageLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 60, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const n of graph.nodes) {
    const [width, height] = SIZES[n.resourceType] ?? [190, 44];
    g.setNode(n.id, { width, height });
  }
  const edges = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  for (const e of edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const boxes = graph.nodes.map((node) => {
    const p = g.node(node.id) as { x: number; y: number; width: number; height: number };
    return { node, x: p.x, y: p.y, width: p.width, height: p.height };
  });
  const info = g.graph() as { width?: number; height?: number };
  return {
    boxes,
    edges: edges.map((e) => ({ ...e, points: (g.edge(e.from, e.to) as { points: Point[] }).points })),
    width: info.width ?? 0,
    height: info.height ?? 0,
  };
}
