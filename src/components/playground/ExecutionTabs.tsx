import type { Execution, Flow } from '../../engine';
import type { Translator, MessageKey } from './i18n';
import { GanttChart } from './views/GanttChart';
import { LogsView } from './views/LogsView';
import { lazy, Suspense } from 'react';
import { ExecutionsList } from './ExecutionsList';
import type { BranchesOf } from './views/buildTopologyGraph';
import { engineClient } from './engineClient';

// heavier views (graph layout, CSV parsing, the SQL grid) load when their tab is first opened
const OutputsView = lazy(() => import('./views/OutputsView').then((m) => ({ default: m.OutputsView })));
const TopologyView = lazy(() => import('./views/TopologyView').then((m) => ({ default: m.TopologyView })));
const OverviewView = lazy(() => import('./views/OverviewView').then((m) => ({ default: m.OverviewView })));
const FilesView = lazy(() => import('./views/FilesView').then((m) => ({ default: m.FilesView })));
const MetricsView = lazy(() => import('./views/MetricsView').then((m) => ({ default: m.MetricsView })));
const LineageView = lazy(() => import('./views/LineageView').then((m) => ({ default: m.LineageView })));
const DatabasePanel = lazy(() => import('./database/DatabasePanel').then((m) => ({ default: m.DatabasePanel })));

export type TabId = 'gantt' | 'logs' | 'outputs' | 'metrics' | 'topology' | 'overview' | 'triggers' | 'lineage' | 'files' | 'database' | 'executions';
const ALL_TABS: TabId[] = ['gantt', 'logs', 'outputs', 'metrics', 'topology', 'overview', 'triggers', 'lineage', 'files', 'database', 'executions'];

interface Props {
  idPrefix: string;
  tab: TabId;
  onTab(tab: TabId): void;
  tr: Translator;
  execution: Execution | null;
  running: boolean;
  flow: Flow | null;
  branchesOf: BranchesOf;
  selectedRun: string | null;
  onSelectRun(id: string): void;
  onClearRun(): void;
  history: Execution[];
  onOpenExecution(id: string): void;
  database: string;
  dbRefresh: number;
  /** The Triggers tab (for a flow with Schedule triggers); absent otherwise. */
  triggers?: React.ReactNode;
  /** Namespace files (the Files tab), for a flow that uses them. */
  filesNamespace?: string | null;
  /** The Lineage tab, for a flow with a dbt task. */
  lineage?: boolean;
  /** From the lineage: put this SQL in the Database tab. */
  onQuery?(sql: string): void;
  /** The Overview's actions: Restart, Replay from a task run, previous / next execution (staying on the Overview). */
  overviewActions?: {
    busy: boolean;
    otherFlow: boolean;
    onRestart(): void;
    onReplay(taskRunId: string | null): void;
    onStep(id: string): void;
  };
}

/** Kestra's execution tabs, plus the database panel and this browser's executions. Arrow keys move between tabs. */
export function ExecutionTabs(p: Props) {
  const { t } = p.tr;
  const TABS = ALL_TABS.filter((x) => (x !== 'triggers' || p.triggers) && (x !== 'files' || p.filesNamespace) && (x !== 'lineage' || p.lineage));
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = TABS.indexOf(p.tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (next) {
      e.preventDefault();
      p.onTab(next);
      document.getElementById(`${p.idPrefix}-tab-${next}`)?.focus();
    }
  };
  const api = engineClient();
  const panel = (id: TabId) => {
    switch (id) {
      case 'gantt':
        return <GanttChart execution={p.execution} tr={p.tr} onSelect={p.onSelectRun} />;
      case 'logs':
        return <LogsView execution={p.execution} tr={p.tr} running={p.running} taskRunId={p.selectedRun} onClearTaskRun={p.onClearRun} />;
      case 'outputs':
        return <OutputsView execution={p.execution} api={api} tr={p.tr} selectedTaskRunId={p.selectedRun} />;
      case 'topology':
        return <TopologyView flow={p.flow} execution={p.execution} tr={p.tr} branchesOf={p.branchesOf} />;
      case 'overview':
        return (
          <OverviewView
            execution={p.execution}
            tr={p.tr}
            renderedVariables={p.execution?.renderedVariables ?? null}
            {...(p.overviewActions
              ? {
                  history: p.history,
                  onOpenExecution: p.overviewActions.onStep,
                  onRestart: p.overviewActions.onRestart,
                  onReplay: p.overviewActions.onReplay,
                  busy: p.overviewActions.busy,
                  otherFlow: p.overviewActions.otherFlow,
                }
              : {})}
          />
        );
      case 'metrics':
        return <MetricsView execution={p.execution} tr={p.tr} />;
      case 'triggers':
        return p.triggers ?? null;
      case 'files':
        return p.filesNamespace ? <FilesView tr={p.tr} namespace={p.filesNamespace} refreshKey={p.dbRefresh} /> : null;
      case 'lineage':
        return <LineageView tr={p.tr} flow={p.flow} execution={p.execution} refreshKey={p.dbRefresh} onQuery={(sql) => p.onQuery?.(sql)} />;
      case 'database':
        return <DatabasePanel api={api} tr={p.tr} defaultDatabase={p.database} refreshKey={p.dbRefresh} />;
      case 'executions':
        return <ExecutionsList executions={p.history} currentId={p.execution?.id ?? null} onOpen={p.onOpenExecution} tr={p.tr} />;
    }
  };
  return (
    <div className="pg-exec">
      <div className="pg-tabs" role="tablist" aria-label={t('playground.label')} onKeyDown={onKeyDown}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`${p.idPrefix}-tab-${id}`}
            aria-selected={p.tab === id}
            aria-controls={`${p.idPrefix}-panel-${id}`}
            tabIndex={p.tab === id ? 0 : -1}
            className="pg-tab"
            onClick={() => p.onTab(id)}
          >
            {t(`tab.${id}` as MessageKey)}
          </button>
        ))}
      </div>
      <div className="pg-panel" role="tabpanel" tabIndex={0} id={`${p.idPrefix}-panel-${p.tab}`} aria-labelledby={`${p.idPrefix}-tab-${p.tab}`}>
        <Suspense fallback={<p className="pg-empty">{t('loading.view')}</p>}>{panel(p.tab)}</Suspense>
      </div>
    </div>
  );
}
