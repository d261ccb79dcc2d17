import { useEffect, useId, useState, type ReactNode } from 'react';
import { isTerminated } from '../../../engine/model/state';
import type { Execution } from '../../../engine';
import type { Translator } from '../i18n';
import { formatDuration } from '../formatDuration';
import { formatDateTime } from './formatDateTime';
import { StateBadge } from './StateBadge';
import { ValueView } from './ValueView';

export interface OverviewViewProps {
  execution: Execution | null;
  tr: Translator;
  /** The flow's `variables` after rendering (when the host has them); otherwise the raw values are shown. */
  renderedVariables?: Record<string, string> | null;
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'object' && Object.keys(v as object).length === 0);

/** Kestra's Overview tab: state, times, duration, labels, inputs, variables and flow outputs of one execution. */
export function OverviewView({ execution, tr, renderedVariables }: OverviewViewProps) {
  const { t } = tr;
  const running = execution ? !isTerminated(execution.state.current) : false;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [running]);

  if (!execution) return <p className="pg-empty">{t('overview.empty')}</p>;
  const h = execution.state.histories;
  const start = h[0]?.date;
  const end = !running ? h.at(-1)?.date : undefined;
  const duration = start ? (end ? Date.parse(end) : Math.max(now, Date.parse(h.at(-1)!.date))) - Date.parse(start) : NaN;
  const labels = Object.entries(execution.labels ?? {});
  const variables = renderedVariables ?? execution.variables;

  const rows: [string, ReactNode][] = [
    [t('overview.id'), <code>{execution.id}</code>],
    [t('overview.namespace'), execution.namespace],
    [t('overview.flow'), execution.flowId],
    [t('overview.state'), <StateBadge state={execution.state.current} tr={tr} />],
    [t('overview.start'), start ? <time dateTime={start}>{formatDateTime(start)}</time> : '—'],
    [t('overview.end'), end ? <time dateTime={end}>{formatDateTime(end)}</time> : t('overview.running')],
    [t('overview.duration'), formatDuration(duration)],
    [t('overview.steps'), String(execution.taskRunList.length)],
    [
      t('overview.labels'),
      labels.length ? (
        <ul className="pg-chips">
          {labels.map(([k, v]) => (
            <li key={k} className="pg-chip">
              {`${k}: ${v}`}
            </li>
          ))}
        </ul>
      ) : (
        t('overview.none')
      ),
    ],
  ];

  return (
    <div className="pg-overview">
      <dl className="pg-overview-list">
        {rows.map(([k, v]) => (
          <div key={k} className="pg-overview-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <Section title={t('overview.inputs')} value={execution.inputs} name={t('overview.inputs')} tr={tr} />
      <Section
        title={renderedVariables ? t('overview.variablesRendered') : t('overview.variables')}
        value={variables}
        name={t('overview.variables')}
        tr={tr}
      />
      {execution.outputs !== undefined && <Section title={t('overview.outputs')} value={execution.outputs} name={t('overview.outputs')} tr={tr} />}
      <HistoryList execution={execution} tr={tr} />
    </div>
  );
}

function Section({ title, value, name, tr }: { title: string; value: unknown; name: string; tr: Translator }) {
  const id = useId();
  return (
    <section className="pg-overview-section" aria-labelledby={id}>
      <p className="pg-view-subtitle" id={id}>
        {title}
      </p>
      {isEmpty(value) ? <p className="pg-empty">{tr.t('overview.none')}</p> : <ValueView value={value} name={name} tr={tr} />}
    </section>
  );
}

function HistoryList({ execution, tr }: { execution: Execution; tr: Translator }) {
  const id = useId();
  return (
    <section className="pg-overview-section" aria-labelledby={id}>
      <p className="pg-view-subtitle" id={id}>
        {tr.t('overview.history')}
      </p>
      <ol className="pg-history">
        {execution.state.histories.map((s, i) => (
          <li key={i}>
            <StateBadge state={s.state} tr={tr} /> <time dateTime={s.date}>{formatDateTime(s.date)}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}
