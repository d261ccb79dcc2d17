import { useEffect, useMemo, useRef, useState } from 'react';
import { LOG_LEVELS, type LogLevel } from '../../../engine/model/events';
import type { Execution, LogEntry } from '../../../engine';
import type { Translator } from '../i18n';
import { formatLogFile } from './formatLogFile';

interface Props {
  execution: Execution | null;
  tr: Translator;
  running: boolean;
  /** Show only this task run's lines (from a Gantt click). */
  taskRunId?: string | null;
  onClearTaskRun?(): void;
}

/** Lines drawn at once; more would slow the page for no reader's benefit. */
const MAX_LINES = 2000;

const LEVEL_COLORS: Record<LogLevel, string> = {
  ERROR: '#AB0009',
  WARN: '#DD5F00',
  INFO: '#029E73',
  DEBUG: '#1761FD',
  TRACE: '#8405FF',
};

/** Kestra's Logs tab: minimum level, text search, grouped by task or in time order, follows new lines while running. */
export function LogsView({ execution, tr, running, taskRunId, onClearTaskRun }: Props) {
  const { t } = tr;
  const [minLevel, setMinLevel] = useState<LogLevel>('INFO');
  const [query, setQuery] = useState('');
  const [grouped, setGrouped] = useState(false);
  const [follow, setFollow] = useState(true);
  const [copied, setCopied] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const logs = execution?.logs ?? [];

  const visible = useMemo(() => {
    const min = LOG_LEVELS.indexOf(minLevel);
    const q = query.trim().toLowerCase();
    return logs.filter(
      (l) =>
        LOG_LEVELS.indexOf(l.level) >= min &&
        (!taskRunId || l.taskRunId === taskRunId) &&
        (!q || l.message.toLowerCase().includes(q) || (l.taskId ?? '').toLowerCase().includes(q)),
    );
  }, [logs, minLevel, query, taskRunId]);

  useEffect(() => {
    if (running && follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [visible.length, running, follow]);

  const onScroll = () => {
    const el = box.current;
    if (!el || !running) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atBottom !== follow) setFollow(atBottom);
  };

  const download = () => {
    if (!execution) return;
    const blob = new Blob([formatLogFile(visible)], { type: 'text/plain;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `kestra-execution-${execution.id}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(formatLogFile(visible));
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };

  // the page draws at most MAX_LINES lines (the newest); copy and download still take every matching line
  const drawn = useMemo(() => (visible.length > MAX_LINES ? visible.slice(-MAX_LINES) : visible), [visible]);
  const groups = useMemo(() => {
    if (!grouped) return null;
    const byTask = new Map<string, LogEntry[]>();
    for (const l of drawn) {
      const key = l.taskId ?? '—';
      byTask.set(key, [...(byTask.get(key) ?? []), l]);
    }
    return [...byTask.entries()];
  }, [drawn, grouped]);

  return (
    <div className="pg-logs-view">
      <div className="pg-logs-tools" role="group" aria-label={t('logs.tools')}>
        <label>
          {t('logs.minLevel')}{' '}
          <select value={minLevel} onChange={(e) => setMinLevel(e.target.value as LogLevel)}>
            {LOG_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('logs.search')} <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> {t('logs.grouped')}
        </label>
        <button type="button" className="pg-button" onClick={copy} disabled={!visible.length}>
          {copied ? t('logs.copied') : t('logs.copy')}
        </button>
        <button type="button" className="pg-button" onClick={download} disabled={!visible.length}>
          {t('logs.download')}
        </button>
        {taskRunId ? (
          <button type="button" className="pg-button" onClick={onClearTaskRun}>
            {t('logs.allTasks')}
          </button>
        ) : null}
        {running && !follow ? (
          <button type="button" className="pg-button" onClick={() => setFollow(true)}>
            {t('logs.follow')}
          </button>
        ) : null}
      </div>
      <p className="pg-logs-count" aria-live="polite">
        {t('logs.count', { shown: visible.length, total: logs.length })}
        {drawn.length < visible.length ? ` ${t('logs.capped', { max: MAX_LINES })}` : ''}
      </p>
      <div className="pg-logs-box" ref={box} onScroll={onScroll} tabIndex={0} aria-label={t('tab.logs')}>
        {!visible.length ? (
          <p className="pg-empty">{t('logs.empty')}</p>
        ) : groups ? (
          groups.map(([task, lines]) => (
            <details key={task} open className="pg-log-group">
              <summary>
                {task} ({lines.length})
              </summary>
              <LogLines lines={lines} />
            </details>
          ))
        ) : (
          <LogLines lines={drawn} />
        )}
      </div>
    </div>
  );
}

function LogLines({ lines }: { lines: LogEntry[] }) {
  return (
    <ol className="pg-logs">
      {lines.map((l, i) => (
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
