import { useId, useMemo, useState } from 'react';
import type { Execution, MetricEntry, TaskRun } from '../../../engine';
import { isTerminated } from '../../../engine/model/state';
import type { Translator } from '../i18n';
import { formatDuration } from '../formatDuration';

interface Props {
  execution: Execution | null;
  tr: Translator;
}

type Column = 'task' | 'name' | 'type' | 'value' | 'tags';
interface Row {
  key: string;
  task: string;
  metric: MetricEntry;
  tags: string;
}

const runLabel = (r: TaskRun) => (r.value === null ? r.taskId : `${r.taskId} [${r.value}]`);
const tagsText = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** A metric's value as text: a counter as the number, a timer (milliseconds, as Kestra's MetricEntry) as a duration. */
function valueText(m: MetricEntry): string {
  return m.type === 'timer' ? `${formatDuration(m.value)} (${m.value} ms)` : String(m.value);
}

/**
 * Kestra's Metrics tab: the metrics each task run reported (a CopyIn's
 * `rows`, a Query's `fetch.size`, dbt's `rows.affected`, a script's
 * Kestra.counter / Kestra.timer), one row each, sortable and filterable;
 * below, each task run's duration from its state history.
 */
export function MetricsView({ execution, tr }: Props) {
  const { t } = tr;
  const id = useId();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ by: Column; desc: boolean } | null>(null);
  const rows = useMemo<Row[]>(
    () =>
      (execution?.taskRunList ?? []).flatMap((r) =>
        (r.metrics ?? []).map((m, i) => ({ key: `${r.id}-${i}`, task: runLabel(r), metric: m, tags: tagsText(m.tags) })),
      ),
    [execution],
  );
  if (!execution) return <p className="pg-empty">{t('metrics.none')}</p>;

  const needle = filter.trim().toLowerCase();
  const shown = rows.filter((r) => !needle || `${r.task} ${r.metric.name} ${r.metric.type} ${r.tags}`.toLowerCase().includes(needle));
  if (sort) {
    const pick = (r: Row): string | number => (sort.by === 'task' ? r.task : sort.by === 'name' ? r.metric.name : sort.by === 'type' ? r.metric.type : sort.by === 'value' ? r.metric.value : r.tags);
    shown.sort((a, b) => {
      const x = pick(a);
      const y = pick(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -c : c;
    });
  }
  const header = (col: Column, label: string) => {
    const active = sort?.by === col;
    return (
      <th scope="col" aria-sort={active ? (sort!.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="pg-link" onClick={() => setSort(active ? { by: col, desc: !sort!.desc } : { by: col, desc: false })}>
          {label}
          {active ? (sort!.desc ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };
  const durations = execution.taskRunList.filter((r) => r.state.histories.length > 0);

  return (
    <div className="pg-metrics pg-scroll-x">
      {rows.length === 0 ? (
        <p className="pg-empty" data-testid="metrics-empty">
          {t('metrics.empty')}
        </p>
      ) : (
        <>
          <div className="pg-view-tools">
            <label htmlFor={`${id}-filter`} className="pg-label pg-inline-label">
              {t('metrics.filter')}
            </label>
            <input id={`${id}-filter`} className="pg-input" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
          <table className="pg-table" data-testid="metrics-table">
            <caption className="sr-only">{t('metrics.caption')}</caption>
            <thead>
              <tr>
                {header('task', t('metrics.task'))}
                {header('name', t('metrics.name'))}
                {header('type', t('metrics.type'))}
                {header('value', t('metrics.value'))}
                {header('tags', t('metrics.tags'))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.key}>
                  <td>
                    <code>{r.task}</code>
                  </td>
                  <td>
                    <code>{r.metric.name}</code>
                  </td>
                  <td>{r.metric.type === 'timer' ? t('metrics.timer') : t('metrics.counter')}</td>
                  <td className="pg-num">{valueText(r.metric)}</td>
                  <td>{r.tags}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {durations.length > 0 && (
        <section className="pg-overview-section" aria-labelledby={`${id}-durations`}>
          <p className="pg-view-subtitle" id={`${id}-durations`}>
            {t('metrics.duration')}
          </p>
          <table className="pg-table">
            <caption className="sr-only">{t('metrics.duration')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('metrics.task')}</th>
                <th scope="col">{t('overview.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {durations.map((r) => {
                const h = r.state.histories;
                const ms = isTerminated(r.state.current) ? Date.parse(h.at(-1)!.date) - Date.parse(h[0].date) : NaN;
                return (
                  <tr key={r.id}>
                    <td>
                      <code>{runLabel(r)}</code>
                    </td>
                    <td className="pg-num">{isTerminated(r.state.current) ? formatDuration(ms) : tr.state(r.state.current)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
