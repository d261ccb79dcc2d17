import { useId, useState } from 'react';
import type { StoredExecution } from './executionHistory';
import type { Translator } from './i18n';
import { STATE_COLORS } from './stateColors';
import { formatDuration } from './formatDuration';

interface Props {
  executions: StoredExecution[];
  currentId: string | null;
  onOpen(id: string): void;
  tr: Translator;
}

const labelKey = (k: string, v: string) => `${k}: ${v}`;

/** This browser's past runs of the flow, newest first, filtered by state and label as Kestra's Executions page; each can be reopened. */
export function ExecutionsList({ executions, currentId, onOpen, tr }: Props) {
  const { t } = tr;
  const id = useId();
  const [state, setState] = useState('');
  const [label, setLabel] = useState('');
  if (!executions.length) return <p className="pg-empty">{t('history.empty')}</p>;
  const sorted = [...executions].sort((a, b) => b.state.histories[0].date.localeCompare(a.state.histories[0].date));
  const states = [...new Set(sorted.map((e) => e.state.current))].sort();
  const labels = [...new Set(sorted.flatMap((e) => Object.entries(e.labels).map(([k, v]) => labelKey(k, v))))].sort();
  const shown = sorted.filter((e) => (!state || e.state.current === state) && (!label || Object.entries(e.labels).some(([k, v]) => labelKey(k, v) === label)));
  return (
    <div className="pg-scroll-x">
      <div className="pg-view-tools">
        <label htmlFor={`${id}-state`} className="pg-label pg-inline-label">
          {t('history.filterState')}
        </label>
        <select id={`${id}-state`} className="pg-select" value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">{t('history.all')}</option>
          {states.map((s) => (
            <option key={s} value={s}>
              {tr.state(s)}
            </option>
          ))}
        </select>
        {labels.length > 0 && (
          <>
            <label htmlFor={`${id}-label`} className="pg-label pg-inline-label">
              {t('history.filterLabel')}
            </label>
            <select id={`${id}-label`} className="pg-select" value={label} onChange={(e) => setLabel(e.target.value)}>
              <option value="">{t('history.all')}</option>
              {labels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </>
        )}
        <span className="pg-hint" role="status">
          {t('history.shown', { shown: shown.length, total: sorted.length })}
        </span>
      </div>
      {sorted.some((e) => e.state.current === 'QUEUED') && <p className="pg-hint">{t('history.queuedNote')}</p>}
      <table className="pg-table">
        <caption className="sr-only">{t('tab.executions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.id')}</th>
            <th scope="col">{t('history.state')}</th>
            <th scope="col">{t('history.start')}</th>
            <th scope="col">{t('history.duration')}</th>
            <th scope="col">{t('history.labels')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => {
            const start = e.state.histories[0].date;
            const end = e.state.histories.at(-1)!.date;
            return (
              <tr key={e.id} aria-current={e.id === currentId ? 'true' : undefined}>
                <td>
                  <button type="button" className="pg-link" onClick={() => onOpen(e.id)} aria-label={t('history.open', { id: e.id.slice(0, 8) })}>
                    {e.id.slice(0, 8)}
                  </button>
                </td>
                <td>
                  <span className="pg-dot" style={{ background: STATE_COLORS[e.state.current] }} aria-hidden="true" /> {tr.state(e.state.current)}
                  {e.interrupted && <span className="pg-hint"> ({t('history.interruptedShort')})</span>}
                </td>
                <td>
                  <time dateTime={start}>{new Date(start).toLocaleString(tr.lang)}</time>
                </td>
                <td>{formatDuration(Date.parse(end) - Date.parse(start))}</td>
                <td>
                  {Object.entries(e.labels).map(([k, v]) => (
                    <span key={k} className="pg-chip">
                      {k}: {v}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
