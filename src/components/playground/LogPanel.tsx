import type { Execution } from '../../engine';
import type { Translator } from './i18n';

interface Props {
  execution: Execution | null;
  tr: Translator;
}

const LEVEL_COLORS: Record<string, string> = {
  ERROR: '#AB0009',
  WARN: '#DD5F00',
  INFO: '#029E73',
  DEBUG: '#1761FD',
  TRACE: '#8405FF',
};

/** Every log line with its time, level and task; the message is always plain text. */
export function LogPanel({ execution, tr }: Props) {
  const logs = execution?.logs ?? [];
  if (!logs.length) return <p className="pg-empty">{tr.t('logs.empty')}</p>;
  return (
    <ol className="pg-logs" aria-label={tr.t('tab.logs')}>
      {logs.map((l, i) => (
        <li key={i} className="pg-log" data-level={l.level}>
          <time className="pg-log-time" dateTime={l.timestamp}>
            {l.timestamp.slice(11, 23)}
          </time>
          <span className="pg-log-level" style={{ borderColor: LEVEL_COLORS[l.level] }}>
            {l.level}
          </span>
          <span className="pg-log-task">{l.taskId ?? '—'}</span>
          <span className="pg-log-message">{l.message}</span>
        </li>
      ))}
    </ol>
  );
}
