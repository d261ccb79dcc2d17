import { useEffect, useId, useState } from 'react';
import type { Execution, TaskRun } from '../../../engine';
import type { EngineApi } from '../EngineApi';
import type { Translator } from '../i18n';
import { ResultGrid } from '../database/ResultGrid';
import { ValueView, type ValuePath } from './ValueView';
import { FilePreview } from './FilePreview';
import { isFileValue } from './isFileValue';
import { queryResultsOf, type QueryResultTable } from './queryResultsOf';

export interface OutputsViewProps {
  execution: Execution | null;
  api: EngineApi;
  tr: Translator;
  /** Task run to show first (e.g. the one clicked in the Gantt). */
  selectedTaskRunId?: string | null;
}

const GRID_ROWS = 100;

export const runLabel = (run: TaskRun) => (run.value !== null && run.value !== undefined ? `${run.taskId} [${run.value}]` : run.taskId);

/** Kestra's Outputs tab: pick a task run, then browse its outputs as a tree; files get Preview/Download, query rows a grid. */
export function OutputsView({ execution, api, tr, selectedTaskRunId }: OutputsViewProps) {
  const { t } = tr;
  const titleId = useId();
  const [selected, setSelected] = useState<string | null>(selectedTaskRunId ?? null);
  useEffect(() => {
    if (selectedTaskRunId) setSelected(selectedTaskRunId);
  }, [selectedTaskRunId]);

  if (!execution) return <p className="pg-empty">{t('outputs.empty')}</p>;
  const runs = execution.taskRunList.filter((r) => r.outputs && Object.keys(r.outputs).length > 0);
  if (runs.length === 0) return <p className="pg-empty">{t('outputs.none')}</p>;
  const current = runs.find((r) => r.id === selected) ?? runs[0];
  const outputs = current.outputs ?? {};
  const label = runLabel(current);
  const grids = queryResultsOf(outputs);

  const renderExtra = (value: unknown, path: ValuePath) =>
    isFileValue(value, path) ? <FilePreview key={value} uri={value} api={api} tr={tr} /> : null;

  return (
    <div className="pg-outputs">
      <nav className="pg-outputs-tasks" aria-label={t('outputs.tasks')}>
        <ul>
          {runs.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="pg-pick"
                aria-pressed={r.id === current.id}
                data-task-run-id={r.id}
                onClick={() => setSelected(r.id)}
              >
                <span className="pg-pick-name">{runLabel(r)}</span>
                <span className="pg-pick-state" data-state={r.state.current}>
                  {tr.state(r.state.current)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="pg-outputs-body" aria-labelledby={titleId}>
        <p className="pg-view-title" id={titleId}>
          {t('outputs.of', { task: label })}
        </p>
        {grids.length > 0 && (
          <div className="pg-outputs-grids">
            <p className="pg-view-subtitle">{t('outputs.results')}</p>
            {grids.map((g, i) => (
              <QueryGrid key={`${current.id}-${i}`} grid={g} tr={tr} />
            ))}
          </div>
        )}
        <ValueView key={current.id} value={outputs} name={label} tr={tr} renderExtra={renderExtra} openDepth={grids.length ? 1 : 2} />
      </section>
    </div>
  );
}

function QueryGrid({ grid, tr }: { grid: QueryResultTable; tr: Translator }) {
  const { t } = tr;
  const caption = [grid.statement !== undefined ? t('outputs.statement', { n: grid.statement }) : t('outputs.results'), t('outputs.rowCount', { count: grid.rows.length })].join(' · ');
  const rows = grid.rows.slice(0, GRID_ROWS);
  return (
    <div className="pg-outputs-grid">
      <p className="pg-file-note">
        {grid.rows.length > GRID_ROWS ? t('file.rowsShown', { shown: GRID_ROWS, total: grid.rows.length }) : caption}
      </p>
      <ResultGrid columns={grid.columns.map((name) => ({ name }))} rows={rows} caption={caption} tr={tr} firstRowNumber={1} />
    </div>
  );
}
