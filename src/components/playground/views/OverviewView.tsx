import { useEffect, useId, useState, type ReactNode } from 'react';
import { isTerminated } from '../../../engine/model/state';
import type { Execution } from '../../../engine';
import { canRestart } from '../../../engine/runtime/canRestart';
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
  /** This browser's executions of the flow, newest first (executionHistory.ts), for previous / next. */
  history?: Execution[];
  onOpenExecution?(id: string): void;
  /** Restart this (failed or killed) execution; absent where it cannot run again. */
  onRestart?(): void;
  /** Replay this execution from a task run (null: from the beginning). */
  onReplay?(taskRunId: string | null): void;
  /** Something runs now: Restart and Replay wait. */
  busy?: boolean;
  /** The flow in the editor is not this execution's: it cannot run again here. */
  otherFlow?: boolean;
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'object' && Object.keys(v as object).length === 0);

/** Kestra's Overview tab: state, times, duration, labels, inputs, variables and flow outputs of one execution. */
export function OverviewView({ execution, tr, renderedVariables, ...actions }: OverviewViewProps) {
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
    ...(execution.parentId ? ([[t('overview.replayOf'), <code>{execution.parentId}</code>]] as [string, ReactNode][]) : []),
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
      <Actions execution={execution} tr={tr} {...actions} />
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

type ActionsProps = Omit<OverviewViewProps, 'execution' | 'renderedVariables'> & { execution: Execution };

/**
 * Kestra's execution actions: Restart (a FAILED or KILLED execution runs
 * again from its failed task runs), Replay (a new execution from a chosen
 * task run, or from the beginning), and previous / next execution of this
 * browser's history.
 */
function Actions({ execution, tr, history = [], onOpenExecution, onRestart, onReplay, busy = false, otherFlow = false }: ActionsProps) {
  const { t } = tr;
  const id = useId();
  const [from, setFrom] = useState('');
  const terminated = isTerminated(execution.state.current);
  const restartable = canRestart(execution);
  const ordered = newestFirst(history);
  const index = ordered.findIndex((e) => e.id === execution.id);
  const newer = index > 0 ? ordered[index - 1] : null;
  const older = index >= 0 && index < ordered.length - 1 ? ordered[index + 1] : null;
  const runs = execution.taskRunList;
  const chosen = runs.some((r) => r.id === from) ? from : '';
  const depth = (runId: string | null): number => {
    let n = 0;
    for (let r = runs.find((x) => x.id === runId); r?.parentTaskRunId; r = runs.find((x) => x.id === r!.parentTaskRunId)) n++;
    return n;
  };
  return (
    <section className="pg-overview-section" aria-labelledby={`${id}-actions`}>
      <p className="pg-view-subtitle" id={`${id}-actions`}>
        {t('overview.actions')}
      </p>
      <div className="pg-view-tools">
        {onRestart && (
          <button
            type="button"
            className="pg-button"
            data-testid="restart"
            disabled={busy || otherFlow || !restartable}
            title={restartable ? t('overview.restartHint') : t('overview.restartOnlyFailed')}
            onClick={onRestart}
          >
            {t('overview.restart')}
          </button>
        )}
        {onReplay && (
          <>
            <label htmlFor={`${id}-from`} className="pg-label pg-inline-label">
              {t('overview.replayFrom')}
            </label>
            <select id={`${id}-from`} className="pg-select" value={chosen} onChange={(e) => setFrom(e.target.value)} data-testid="replay-from">
              <option value="">{t('overview.replayBeginning')}</option>
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${'\u00a0\u00a0'.repeat(depth(r.id))}${r.value === null ? r.taskId : `${r.taskId} [${r.value}]`} (${r.state.current})`}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="pg-button"
              data-testid="replay"
              disabled={busy || otherFlow || !terminated}
              title={t('overview.replayHint')}
              onClick={() => onReplay(chosen || null)}
            >
              {t('overview.replay')}
            </button>
          </>
        )}
        {onOpenExecution && (
          <>
            <button type="button" className="pg-button" data-testid="previous-execution" disabled={!older} onClick={() => older && onOpenExecution(older.id)}>
              {`← ${t('overview.previous')}`}
            </button>
            <button type="button" className="pg-button" data-testid="next-execution" disabled={!newer} onClick={() => newer && onOpenExecution(newer.id)}>
              {`${t('overview.next')} →`}
            </button>
            <span className="pg-hint" role="status">
              {index >= 0 ? t('overview.position', { n: index + 1, total: ordered.length }) : t('overview.notStored')}
            </span>
          </>
        )}
      </div>
      {otherFlow && <p className="pg-hint">{t('overview.otherFlow', { flow: `${execution.namespace}.${execution.flowId}` })}</p>}
      {onRestart && !restartable && terminated && <p className="pg-hint">{t('overview.restartOnlyFailed')}</p>}
    </section>
  );
}

/**
 * When an execution began here: a replay carries the replayed one's state
 * history (Kestra's ExecutionService#replay), so it began at its RESTARTED
 * entry; any other at its first state.
 */
function begun(e: Execution): string {
  const h = e.state.histories;
  return (e.parentId ? h.find((x) => x.state === 'RESTARTED')?.date : undefined) ?? h[0]?.date ?? '';
}

/** This browser's executions newest first by when they began (ties by id, so previous / next never swap). */
function newestFirst(list: Execution[]): Execution[] {
  return [...list].sort((a, b) => begun(b).localeCompare(begun(a)) || a.id.localeCompare(b.id));
}
