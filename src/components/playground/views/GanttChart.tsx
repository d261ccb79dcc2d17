import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { TaskRunDetails } from './TaskRunDetails';
import type { Execution, TaskRun } from '../../../engine';
import { isTerminated } from '../../../engine/model/state';
import { STATE_COLORS } from '../stateColors';
import { formatDuration } from '../formatDuration';
import type { Translator } from '../i18n';
import { GanttNameResizer, useGanttNameWidth } from './GanttNameResizer';

interface Props {
  execution: Execution | null;
  tr: Translator;
  /** From a row's details: open the Logs tab filtered to that task run. */
  onSelect?(taskRunId: string): void;
}

/** Task runs in tree order (children right after their parent), with their depth. */
function treeOrder(runs: TaskRun[]): { run: TaskRun; depth: number }[] {
  const children = new Map<string | null, TaskRun[]>();
  for (const r of runs) {
    const list = children.get(r.parentTaskRunId) ?? [];
    list.push(r);
    children.set(r.parentTaskRunId, list);
  }
  const out: { run: TaskRun; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ run: r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

const time = (iso: string) => Date.parse(iso);

/** A row's name: the task id, with the ForEach value it ran for. */
const labelOf = (run: TaskRun) => (run.value !== null ? `${run.taskId} [${run.value}]` : run.taskId);

/** Beyond this many task runs the chart scrolls virtually (only the rows in sight are drawn), as Kestra's does. */
const VIRTUAL_AFTER = 400;

/** The rows, all of them, or (many) only those in sight in a scrolling box. */
function Rows({ count, render }: { count: number; render(index: number): ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const virtual = count > VIRTUAL_AFTER;
  const v = useVirtualizer({ count: virtual ? count : 0, getScrollElement: () => box.current, estimateSize: () => 30, overscan: 15 });
  if (!virtual) return <>{Array.from({ length: count }, (_x, i) => render(i))}</>;
  return (
    <div className="pg-gantt-scroll" ref={box} role="rowgroup">
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {v.getVirtualItems().map((item) => (
          <div key={item.key} data-index={item.index} ref={v.measureElement} className="pg-gantt-vrow" style={{ transform: `translateY(${item.start}px)` }}>
            {render(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Kestra-style Gantt: one row per task run on a shared time axis, live while running. */
export function GanttChart({ execution, tr, onSelect }: Props) {
  const running = execution ? !isTerminated(execution.state.current) : false;
  const [now, setNow] = useState(() => Date.now());
  // clicking a row opens that task run's details below it, as in Kestra
  const [open, setOpen] = useState<string | null>(null);
  const [nameWidth, setNameWidth] = useGanttNameWidth();
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(id);
  }, [running]);

  const rows = useMemo(() => treeOrder(execution?.taskRunList ?? []), [execution?.taskRunList]);
  // the name column fits the longest name (monospace characters, with each level's indent), up to half the chart
  const longestName = useMemo(() => rows.reduce((n, { run, depth }) => Math.max(n, labelOf(run).length + depth * 2), 0), [rows]);
  if (!execution || execution.taskRunList.length === 0) {
    return <p className="pg-empty">{tr.t('gantt.empty')}</p>;
  }
  const start = time(execution.state.histories[0].date);
  const execEnd = running ? Math.max(now, time(execution.state.histories.at(-1)!.date)) : time(execution.state.histories.at(-1)!.date);
  const total = Math.max(execEnd - start, 1);

  return (
    <div
      className="pg-gantt"
      role="table"
      aria-label={tr.t('tab.gantt')}
      style={{ '--pg-gantt-chars': longestName, ...(nameWidth ? { '--pg-gantt-name-col': `${nameWidth}px` } : {}) } as CSSProperties}
    >
      <div className="pg-gantt-head" role="row">
        <span role="columnheader" className="pg-gantt-namehead">
          {tr.t('gantt.task')}
          <GanttNameResizer tr={tr} width={nameWidth} onWidth={setNameWidth} />
        </span>
        <span role="columnheader" className="pg-gantt-axis" aria-label={tr.t('gantt.duration', { duration: formatDuration(total) })}>
          {/* a time axis like Kestra's: five ticks over the execution's duration */}
          {[0, 0.25, 0.5, 0.75, 1].map((f) => (
            <span key={f} className="pg-gantt-tick" style={{ left: `${f * 100}%` }} aria-hidden="true">
              {formatDuration(total * f)}
            </span>
          ))}
        </span>
      </div>
      <Rows
        count={rows.length}
        render={(index) => {
        const { run, depth } = rows[index];
        const h = run.state.histories;
        const runStart = time(h[0].date);
        const firstRunning = h.find((x) => x.state === 'RUNNING');
        const done = isTerminated(run.state.current);
        const runEnd = done ? time(h.at(-1)!.date) : execEnd;
        const left = ((runStart - start) / total) * 100;
        const width = Math.max(((runEnd - runStart) / total) * 100, 0.6);
        const queued = firstRunning ? ((time(firstRunning.date) - runStart) / Math.max(runEnd - runStart, 1)) * 100 : 100;
        const duration = formatDuration(runEnd - runStart);
        const label = labelOf(run);
        return (
          <div key={run.id} className="pg-gantt-rowgroup">
            <div className="pg-gantt-row" role="row" data-task-id={run.taskId} data-state={run.state.current}>
              <span role="cell" className="pg-gantt-name" style={{ paddingInlineStart: `${depth * 1}rem` }} title={label}>
                <button type="button" className="pg-link" title={label} aria-expanded={open === run.id} onClick={() => setOpen(open === run.id ? null : run.id)}>
                  {label}
                </button>
              </span>
              <span role="cell" className="pg-gantt-track">
                <span
                  className={`pg-gantt-bar${done ? '' : ' pg-running'}`}
                  role="img"
                  style={{ left: `${left}%`, width: `${width}%` }}
                  title={`${tr.state(run.state.current)} · ${tr.t('gantt.duration', { duration })}`}
                  aria-label={`${label}: ${tr.state(run.state.current)}, ${tr.t('gantt.duration', { duration })}`}
                >
                  <span className="pg-gantt-queued" style={{ width: `${Math.min(queued, 100)}%` }} />
                  <span className="pg-gantt-fill" style={{ background: STATE_COLORS[run.state.current] }} />
                </span>
              </span>
            </div>
            {open === run.id && (
              <div role="row" className="pg-gantt-details" data-details-for={run.taskId}>
                <div role="cell">
                  <TaskRunDetails execution={execution} run={run} tr={tr} onOpenLogs={onSelect} />
                </div>
              </div>
            )}
          </div>
        );
        }}
      />
    </div>
  );
}
