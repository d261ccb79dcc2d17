import { useEffect, useId, useMemo, useState } from 'react';
import type { Execution } from '../../../engine';
import type { Flow } from '../../../engine/flow/Flow';
import type { Translator } from '../i18n';
import { STATE_COLORS } from '../stateColors';
import { layoutTopology, shortType, type Orientation, type TopologyLayout, type TopologyNode } from './layoutTopology';
import type { BranchesOf, EdgeKind } from './buildTopologyGraph';
import { taskStatesOf, type TaskStateSummary } from './taskStatesOf';
import { edgePath } from './edgePath';

export interface TopologyViewProps {
  flow: Flow | null;
  execution: Execution | null;
  tr: Translator;
  /** Child branches of flowable tasks, as the engine worker reported them. */
  branchesOf: BranchesOf;
  /** Initial direction; the learner's last choice (kept in this browser) wins. */
  orientation?: Orientation;
}

const STORAGE_KEY = 'topology-orientation';
const EDGE_COLORS: Record<EdgeKind, string> = {
  sequential: 'var(--sl-color-gray-3)',
  choice: 'var(--sl-color-gray-3)',
  parallel: 'var(--sl-color-gray-3)',
  error: '#AB0009',
  finally: '#DD5F00',
};
const KINDS = Object.keys(EDGE_COLORS) as EdgeKind[];
const MAX_CHARS = 26;
const clip = (s: string) => (s.length > MAX_CHARS ? `${s.slice(0, MAX_CHARS - 1)}…` : s);

/** Kestra's Topology tab: the flow as a graph (flowables as clusters), nodes coloured by their task's latest state. */
export function TopologyView({ flow, execution, tr, branchesOf, orientation: initial }: TopologyViewProps) {
  const { t } = tr;
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  // top to bottom by default: a lesson's column is narrow, and long chains read better downwards
  const [orientation, setOrientation] = useState<Orientation>(initial ?? 'TB');
  const [fit, setFit] = useState(true);

  useEffect(() => {
    try {
      const stored = localStorage.getItem(STORAGE_KEY);
      if (stored === 'LR' || stored === 'TB') setOrientation(stored);
    } catch {
      /* storage unavailable: keep the default */
    }
  }, []);
  const choose = (o: Orientation) => {
    setOrientation(o);
    try {
      localStorage.setItem(STORAGE_KEY, o);
    } catch {
      /* ignore */
    }
  };

  const result = useMemo((): { layout: TopologyLayout } | { error: string } | null => {
    if (!flow) return null;
    try {
      return { layout: layoutTopology(flow, { orientation, branchesOf }) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [flow, orientation, branchesOf]);
  const states = useMemo(() => taskStatesOf(execution), [execution]);

  if (!result) return <p className="pg-empty">{t('topology.empty')}</p>;
  if ('error' in result) return <p className="pg-notice">{t('topology.failedLayout', { message: result.error })}</p>;
  const { layout } = result;
  const title = t('topology.label', { flow: flow?.id ?? '' });
  const clusterTask = new Map(layout.clusters.map((c) => [c.id, c.taskId]));

  return (
    <div className="pg-topology">
      <div className="pg-view-tools">
        <div role="group" aria-label={t('topology.orientation')} className="pg-segmented">
          {(['LR', 'TB'] as Orientation[]).map((o) => (
            <button key={o} type="button" className="pg-button pg-small" aria-pressed={orientation === o} onClick={() => choose(o)}>
              {t(o === 'LR' ? 'topology.lr' : 'topology.tb')}
            </button>
          ))}
        </div>
        <button type="button" className="pg-button pg-small" aria-pressed={!fit} onClick={() => setFit(!fit)}>
          {t('topology.actual')}
        </button>
      </div>

      <div className="pg-topology-canvas" role="region" aria-label={title} tabIndex={0}>
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={fit ? '100%' : layout.width}
          height={fit ? undefined : layout.height}
          style={fit ? { maxWidth: `${layout.width}px` } : undefined}
          role="img"
          aria-labelledby={`${uid}-title`}
          className="pg-topology-svg"
        >
          <title id={`${uid}-title`}>{title}</title>
          <defs>
            {KINDS.map((k) => (
              <marker key={k} id={`${uid}-arrow-${k}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" style={{ fill: EDGE_COLORS[k] }} />
              </marker>
            ))}
          </defs>
          {layout.clusters.map((c) => (
            <g key={c.id} className="pg-topo-cluster">
              <rect x={c.x - c.width / 2} y={c.y - c.height / 2} width={c.width} height={c.height} rx={8} />
              <text x={c.x - c.width / 2 + 6} y={c.y - c.height / 2 + 11} className="pg-topo-cluster-label">
                {clip(shortType(c.taskType))}
              </text>
            </g>
          ))}
          {layout.edges.map((e) => (
            <g key={e.id} className="pg-topo-edge" data-kind={e.kind}>
              <path
                d={edgePath(e.points)}
                style={{ stroke: EDGE_COLORS[e.kind] }}
                strokeDasharray={e.kind === 'error' ? '6 3' : e.kind === 'finally' ? '2 3' : undefined}
                markerEnd={`url(#${uid}-arrow-${e.kind})`}
              />
              {e.label && e.labelX !== undefined && e.labelY !== undefined && (
                <text x={e.labelX} y={e.labelY} className="pg-topo-edge-label" textAnchor="middle" dominantBaseline="central">
                  {clip(e.label)}
                </text>
              )}
            </g>
          ))}
          {layout.nodes.map((n) => (
            <Node key={n.id} node={n} summary={n.taskId ? states.get(n.taskId) : undefined} tr={tr} />
          ))}
        </svg>
      </div>

      <ul className="pg-topology-legend" aria-label={t('topology.legend')}>
        {(['sequential', 'error', 'finally'] as EdgeKind[]).map((k) => (
          <li key={k}>
            <svg width="28" height="8" aria-hidden="true" focusable="false">
              <line x1="0" y1="4" x2="28" y2="4" style={{ stroke: EDGE_COLORS[k] }} strokeWidth="2" strokeDasharray={k === 'error' ? '6 3' : k === 'finally' ? '2 3' : undefined} />
            </svg>
            {t(`topology.edge.${k}` as 'topology.edge.sequential')}
          </li>
        ))}
      </ul>

      <ul className="pg-sr-only" aria-label={t('topology.summary')}>
        {layout.nodes
          .filter((n) => n.kind === 'task')
          .map((n) => {
            const s = n.taskId ? states.get(n.taskId) : undefined;
            const inside = n.parent ? clusterTask.get(n.parent) : undefined;
            const owner = inside && inside !== n.taskId ? `, ${t('topology.inside', { task: inside })}` : '';
            return (
              <li key={n.id}>
                {`${n.taskId} (${shortType(n.taskType ?? '')})${owner}: ${s ? tr.state(s.state) : t('topology.notRun')}`}
              </li>
            );
          })}
      </ul>
    </div>
  );
}

function Node({ node, summary, tr }: { node: TopologyNode; summary: TaskStateSummary | undefined; tr: Translator }) {
  const { t } = tr;
  const left = node.x - node.width / 2;
  const top = node.y - node.height / 2;
  if (node.kind !== 'task') {
    const r = node.width / 2;
    const label = node.kind === 'start' ? t('topology.start') : node.kind === 'end' ? t('topology.end') : '';
    return (
      <g className={`pg-topo-dot pg-topo-${node.kind}`}>
        {label && <title>{label}</title>}
        <circle cx={node.x} cy={node.y} r={r} />
      </g>
    );
  }
  const state = summary?.state;
  const type = shortType(node.taskType ?? '');
  const stateText = state ? tr.state(state) : t('topology.notRun');
  const details = [
    node.taskId,
    node.taskType,
    stateText,
    summary && summary.runs > 1 ? t('topology.runs', { count: summary.runs }) : '',
    node.disabled ? t('topology.disabled') : '',
    node.branch === 'errors' ? t('topology.errorsBranch') : node.branch === 'finally' ? t('topology.finallyBranch') : '',
  ].filter(Boolean);
  const second = state ? `${tr.state(state)}${summary && summary.runs > 1 ? ` ×${summary.runs}` : ''}` : node.disabled ? t('topology.disabled') : type;
  return (
    <g
      className="pg-topo-node"
      data-task-id={node.taskId}
      data-state={state ?? 'NONE'}
      data-branch={node.branch}
      data-disabled={node.disabled ? 'true' : undefined}
    >
      <title>{details.join(' · ')}</title>
      <rect
        x={left}
        y={top}
        width={node.width}
        height={node.height}
        rx={6}
        style={state ? { stroke: STATE_COLORS[state] } : undefined}
        strokeDasharray={node.disabled ? '4 3' : undefined}
      />
      {state && <rect x={left + 1} y={top + 1} width={6} height={node.height - 2} rx={3} className="pg-topo-node-band" style={{ fill: STATE_COLORS[state] }} />}
      <text x={node.x + 3} y={top + 18} textAnchor="middle" className="pg-topo-node-id">
        {clip(node.taskId ?? '')}
      </text>
      <text x={node.x + 3} y={top + 35} textAnchor="middle" className="pg-topo-node-sub">
        {clip(second)}
      </text>
    </g>
  );
}
