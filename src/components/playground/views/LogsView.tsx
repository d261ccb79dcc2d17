import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
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

/** Lines drawn in the grouped view; the time-ordered view draws only the lines in sight (virtual scrolling), however many there are. */
const MAX_LINES = 2000;
/** Beyond this many lines the time-ordered view scrolls virtually, as Kestra's Logs tab does. */
const VIRTUAL_AFTER = 300;
/** A longer message shows its beginning and a button for the rest, so a huge line cannot freeze the page. */
const LONG_MESSAGE = 4000;

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

  const virtual = !grouped && visible.length > VIRTUAL_AFTER;
  const virtualizer = useVirtualizer({
    count: virtual ? visible.length : 0,
    getScrollElement: () => box.current,
    estimateSize: () => 22,
    overscan: 20,
  });

  useEffect(() => {
    if (!running || !follow || !box.current) return;
    if (virtual) virtualizer.scrollToIndex(visible.length - 1, { align: 'end' });
    else box.current.scrollTop = box.current.scrollHeight;
  }, [visible.length, running, follow, virtual, virtualizer]);

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

  // grouped, the page draws at most MAX_LINES lines (the newest); copy and download still take every matching line
  const drawn = useMemo(() => (grouped && visible.length > MAX_LINES ? visible.slice(-MAX_LINES) : visible), [visible, grouped]);
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
              <LogLines lines={lines} tr={tr} />
            </details>
          ))
        ) : virtual ? (
          <ol className="pg-logs pg-logs-virtual" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <LogLine key={item.key} line={drawn[item.index]} index={item.index} measure={virtualizer.measureElement} start={item.start} tr={tr} />
            ))}
          </ol>
        ) : (
          <LogLines lines={drawn} tr={tr} />
        )}
      </div>
    </div>
  );
}

function LogLines({ lines, tr }: { lines: LogEntry[]; tr: Translator }) {
  return (
    <ol className="pg-logs">
      {lines.map((l, i) => (
        <LogLine key={i} line={l} tr={tr} />
      ))}
    </ol>
  );
}

/** A message as text, its beginning only when it is huge (the rest one click away; the download has it all). */
function LogMessage({ message, tr }: { message: string; tr: Translator }) {
  const [shown, setShown] = useState(LONG_MESSAGE);
  if (message.length <= shown) return <span className="pg-log-message">{message}</span>;
  return (
    <span className="pg-log-message">
      {message.slice(0, shown)}
      <button type="button" className="pg-link pg-log-more" onClick={() => setShown((n) => n * 16)}>
        {tr.t('logs.more', { count: (message.length - shown).toLocaleString(tr.lang) })}
      </button>
    </span>
  );
}

interface LineProps {
  line: LogEntry;
  tr: Translator;
  /** Virtual scrolling: the line's index, where it starts and how to measure it. */
  index?: number;
  start?: number;
  measure?: (el: Element | null) => void;
}

function LogLine({ line: l, tr, index, start, measure }: LineProps) {
  return (
    <li
      className="pg-log"
      data-level={l.level}
      data-index={index}
      ref={measure}
      style={start === undefined ? undefined : { position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${start}px)` }}
    >
      <time className="pg-log-time" dateTime={l.timestamp}>
        {l.timestamp.slice(11, 23)}
      </time>
      <span className="pg-log-level" style={{ borderColor: LEVEL_COLORS[l.level] }}>
        {l.level}
      </span>
      <span className="pg-log-task">{l.taskId ?? '—'}</span>
      <LogMessage message={l.message} tr={tr} />
    </li>
  );
}
