import { useEffect, useMemo, useState } from 'react';
import type { Execution } from '../../../engine';
import type { Flow, TaskSpec } from '../../../engine/flow/Flow';
import type { DbtProjectGraph } from '../../../engine/dbt/describeDbtProject';
import type { MessageKey, Translator } from '../i18n';
import { engineClient, dataBaseUrl } from '../engineClient';
import { STATE_COLORS } from '../stateColors';
import { CodeEditor } from '../editor/CodeEditor';
import { edgePath } from './edgePath';
import { layoutLineage } from './layoutLineage';

interface Props {
  tr: Translator;
  flow: Flow | null;
  execution: Execution | null;
  refreshKey: number;
  /** Puts a query of a model's table in the Database tab. */
  onQuery(sql: string): void;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The first DbtCLI task of the flow, with what the lineage needs of it. */
function dbtTask(flow: Flow | null): TaskSpec | null {
  let found: TaskSpec | null = null;
  const visit = (v: unknown) => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(visit);
    const t = v as TaskSpec;
    if (typeof t.type === 'string' && /\.dbt\.cli\.DbtCLI$/.test(t.type)) found = t;
    else Object.values(t).forEach(visit);
  };
  visit(flow?.tasks);
  return found;
}

/** The dbt project's lineage (sources → staging → core → marts, tests on their models), with each node's state in the shown execution. */
export function LineageView({ tr, flow, execution, refreshKey, onQuery }: Props) {
  const { t } = tr;
  const [graph, setGraph] = useState<DbtProjectGraph | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const task = useMemo(() => dbtTask(flow), [flow]);
  const namespace = flow?.namespace ?? '';

  useEffect(() => {
    if (!task || !namespace) return;
    let live = true;
    setError(null);
    const env = Object.fromEntries(Object.entries((task.env as Record<string, unknown>) ?? {}).map(([k, v]) => [k, String(v)]));
    const profiles = typeof task.profiles === 'string' ? task.profiles : undefined;
    engineClient()
      .call('dbtGraph', namespace, { projectDir: typeof task.projectDir === 'string' ? task.projectDir : undefined, env, profiles }, dataBaseUrl())
      .then((g) => live && setGraph(g))
      .catch((e) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [task, namespace, refreshKey]);

  const layout = useMemo(() => (graph ? layoutLineage(graph) : null), [graph]);
  const states = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of execution?.taskRunList ?? []) m.set(r.taskId, r.state.current);
    return m;
  }, [execution]);

  if (!task) return <p className="pg-empty">{t('lineage.noDbt')}</p>;
  if (error) return <p className="pg-notice" role="alert">{t('lineage.failed', { message: error })}</p>;
  if (!graph || !layout) return <p className="pg-empty">{t('lineage.loading')}</p>;
  if (!graph.nodes.length) return <p className="pg-empty">{t('lineage.empty', { namespace })}</p>;
  const node = graph.nodes.find((n) => n.id === picked) ?? null;
  return (
    <div className="pg-lineage">
      <div className="pg-scroll-x">
        <svg className="pg-lineage-graph" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={t('lineage.label', { project: graph.project })}>
          <defs>
            <marker id="pg-lineage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
            </marker>
          </defs>
          {layout.edges.map((e) => (
            <path key={`${e.from}>${e.to}`} d={edgePath(e.points)} className="pg-lineage-edge" markerEnd="url(#pg-lineage-arrow)" />
          ))}
          {layout.boxes.map((b) => {
            const state = states.get(b.node.id);
            const kind = b.node.resourceType === 'model' ? `${b.node.materialized}` : b.node.resourceType;
            return (
              <g
                key={b.node.id}
                className={`pg-lineage-node pg-lineage-${b.node.resourceType}`}
                data-node-id={b.node.id}
                data-state={state}
                transform={`translate(${b.x - b.width / 2},${b.y - b.height / 2})`}
                tabIndex={0}
                role="button"
                aria-pressed={picked === b.node.id}
                aria-label={`${b.node.name} (${kind})${state ? `: ${tr.state(state as never)}` : ''}`}
                onClick={() => setPicked(b.node.id)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setPicked(b.node.id)}
              >
                <rect width={b.width} height={b.height} rx={6} style={state ? { stroke: STATE_COLORS[state as keyof typeof STATE_COLORS], strokeWidth: 3 } : undefined} />
                <text x={8} y={b.height / 2 - (b.node.resourceType === 'test' ? -4 : 4)}>{clip(b.node.name, b.node.resourceType === 'test' ? 22 : 26)}</text>
                {b.node.resourceType !== 'test' && (
                  <text x={8} y={b.height / 2 + 12} className="pg-lineage-kind">
                    {t(`lineage.kind.${b.node.resourceType}` as MessageKey)}
                    {b.node.resourceType === 'model' ? ` · ${b.node.materialized}` : ''}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      {node && (
        <section className="pg-lineage-details" aria-label={node.name}>
          <p className="pg-view-title">
            <code>{node.id}</code> · <code>{node.path}</code>
          </p>
          {node.description && <p>{node.description}</p>}
          {node.relation && node.resourceType !== 'test' && node.materialized !== 'ephemeral' && (
            <button type="button" className="pg-button pg-small" onClick={() => onQuery(`SELECT * FROM ${node.relation} LIMIT 100;`)}>
              {t('lineage.query', { relation: node.relation })}
            </button>
          )}
          {node.compileError ? (
            <p className="pg-notice" role="alert">
              {node.compileError}
            </p>
          ) : node.compiledCode ? (
            <>
              <p className="pg-label">{t('lineage.compiled')}</p>
              <CodeEditor path={`${node.path}.compiled.sql`} value={node.compiledCode} onChange={() => undefined} label={t('lineage.compiled')} readOnly />
            </>
          ) : null}
        </section>
      )}
    </div>
  );
}
