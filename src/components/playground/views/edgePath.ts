import type { Point } from './layoutTopology';

/** An SVG path through dagre's edge points, with the corners rounded by quadratic curves. */
export function edgePath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i];
    const next = points[i + 1];
    d += ` Q${f(p.x)},${f(p.y)} ${f((p.x + next.x) / 2)},${f((p.y + next.y) / 2)}`;
  }
  const last = points[points.length - 1];
  return `${d} L${f(last.x)},${f(last.y)}`;
}
