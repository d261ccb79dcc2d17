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

/** This browser's past runs of the flow, newest first; each can be reopened. */
export function ExecutionsList({ executions, currentId, onOpen, tr }: Props) {
  const { t } = tr;
  if (!executions.length) return <p className="pg-empty">{t('history.empty')}</p>;
  return (
    <div className="pg-scroll-x">
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
          {executions.map((e) => {
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
