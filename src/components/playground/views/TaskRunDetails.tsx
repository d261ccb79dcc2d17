import type { Execution, TaskRun } from '../../../engine';
import type { Translator } from '../i18n';
import { ValueView } from './ValueView';

interface Props {
  execution: Execution;
  run: TaskRun;
  tr: Translator;
  /** Opens the Logs tab filtered to this task run. */
  onOpenLogs?(taskRunId: string): void;
}

/** What Kestra shows under a clicked Gantt row: the run's state history, its log lines and its outputs. */
export function TaskRunDetails({ execution, run, tr, onOpenLogs }: Props) {
  const { t } = tr;
  const logs = execution.logs.filter((l) => l.taskRunId === run.id);
  return (
    <div className="pg-taskrun-details">
      <p className="pg-hint">
        {run.state.histories.map((h) => `${tr.state(h.state)} ${h.date.slice(11, 23)}`).join(' → ')}
        {run.attempts.length > 1 ? ` · ${t('details.attempts', { count: run.attempts.length })}` : ''}
      </p>
      <p className="pg-view-subtitle">{t('tab.logs')}</p>
      {logs.length ? (
        <ol className="pg-logs">
          {logs.map((l, i) => (
            <li key={i} className="pg-log" data-level={l.level}>
              <time className="pg-log-time" dateTime={l.timestamp}>
                {l.timestamp.slice(11, 23)}
              </time>
              <span className="pg-log-level">{l.level}</span>
              <span className="pg-log-message">{l.message}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="pg-empty">{t('logs.empty')}</p>
      )}
      {onOpenLogs && logs.length > 0 && (
        <button type="button" className="pg-link" onClick={() => onOpenLogs(run.id)}>
          {t('details.openLogs')}
        </button>
      )}
      <p className="pg-view-subtitle">{t('tab.outputs')}</p>
      {run.outputs && Object.keys(run.outputs).length ? <ValueView value={run.outputs} name={run.taskId} tr={tr} /> : <p className="pg-empty">{t('details.noOutputs')}</p>}
    </div>
  );
}
