import { lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { reduceEvents } from '../../engine/reduceExecution';
import { isTerminated } from '../../engine/model/state';
import { killUnfinished } from '../../engine/killUnfinished';
import type { EngineEvent, Execution, FlowError } from '../../engine';
import { formatFlowError } from '../../engine/flow/errorMessages';
import { engineClient } from './engineClient';
import { translator, type Lang } from './i18n';
import { useStoredSource } from './useStoredSource';
import { useFlowValidation } from './useFlowValidation';
import { FlowEditor } from './editor/FlowEditor';
import { InputsForm, initialInputValues } from './inputs/InputsForm';
import type { InputSpecLike } from './inputs/InputField';
import { ExecutionTabs, type TabId } from './ExecutionTabs';
import { Toolbar } from './Toolbar';
import { LoadedOverSavedNotice } from './LoadedOverSavedNotice';
import { ProblemsList } from './ProblemsList';
import { saveExecution, listExecutions, loadExecution, type StoredExecution } from './executionHistory';
import { readShareLink } from './shareLink';
import { DatasetPicker, usesTaxiData } from './DatasetPicker';
import { branchesFromPaths } from './views/branchesFromPaths';
import { SecretsPanel, parseSecrets, useSecrets } from './SecretsPanel';
import { useKestraVersion } from './settings/useKestraVersion';
import { KestraVersionSelect } from './settings/KestraVersionSelect';
import { useScheduler } from './triggers/useScheduler';
// loaded when a flow with Schedule triggers shows its Triggers tab (cron parsing and wording stay out of the page otherwise)
const TriggersView = lazy(() => import('./triggers/TriggersView').then((m) => ({ default: m.TriggersView })));
import { panelMemory } from './database/panelMemory';
import type { RunFrom } from '../../worker/protocol';
import { usePlaygroundRoom } from './room/usePlaygroundRoom';

export interface PlaygroundProps {
  /** The lesson's flow YAML. */
  flowSource: string;
  /** Key under which this lesson's edits are kept in the browser. */
  storageKey: string;
  lang: Lang;
  /** Database the panel opens first (the lesson's flow's database). */
  database?: string;
}

type InputError = { id: string; message: string; code?: string; params?: Record<string, string> };

/** The lesson playground: edit a flow, fill its inputs, execute it in the engine worker, read Kestra's execution views. */
export default function Playground({ flowSource, storageKey, lang, database = 'postgres-zoomcamp' }: PlaygroundProps) {
  const tr = useMemo(() => translator(lang), [lang]);
  const { t } = tr;
  const stored = useStoredSource(storageKey, flowSource);
  const { source, setSource, reset: resetSource } = stored;
  const validation = useFlowValidation(source);
  const [execution, setExecution] = useState<Execution | null>(null);
  const [runErrors, setRunErrors] = useState<FlowError[]>([]);
  const [inputErrors, setInputErrors] = useState<InputError[]>([]);
  const [crash, setCrash] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<TabId>('gantt');
  const [selectedRun, setSelectedRun] = useState<string | null>(null);
  const [history, setHistory] = useState<StoredExecution[]>([]);
  const [sharedNotice, setSharedNotice] = useState(false);
  const [dataset, setDataset] = useState<'sample' | 'full'>('sample');
  const [dbRefresh, setDbRefresh] = useState(0);
  const [secretsText, setSecretsText] = useSecrets();
  const [kestraVersion, setKestraVersion] = useKestraVersion();
  const execRef = useRef<Execution | null>(null);
  const [leaseWaiting, setLeaseWaiting] = useState<false | 'idle' | 'busy'>(false);
  const [dbBusy, setDbBusy] = useState(false);
  const [runtimeNote, setRuntimeNote] = useState<string | null>(null);
  useEffect(() => engineClient().onRuntime((p) => setRuntimeNote(p.phase === 'loading' ? p.message : null)), []);
  useEffect(() => engineClient().onDatabaseBusy(setDbBusy), []);
  useEffect(
    () => engineClient().onLease((s) => setLeaseWaiting(s.state === 'waiting' ? (s.otherBusy ? 'busy' : 'idle') : false)),
    [],
  );

  const branchesOf = useMemo(() => branchesFromPaths(validation.branches), [validation.branches]);
  const inputsSpec = useMemo(() => (validation.outline?.inputs ?? []) as InputSpecLike[], [validation.outline]);
  const [inputValues, setInputValues] = useState<Record<string, unknown>>({});
  const specKey = JSON.stringify(inputsSpec);
  useEffect(() => {
    // keep what the learner chose for inputs that still exist; defaults for the rest
    setInputValues((prev) => {
      const next = initialInputValues(inputsSpec);
      for (const i of inputsSpec) if (i.id in prev) next[i.id] = prev[i.id];
      return next;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specKey]);

  // a flow that uses Postgres: start PGlite as soon as the playground is on screen (the island hydrates when it
  // scrolls into view; the flow's text says so before validation answers), not when its first task needs it
  const usesPostgres =
    !!validation.outline?.tasks.some((t) => /\.jdbc\.postgresql\.|\.dbt\./.test(t.type)) || /\bio\.kestra\.plugin\.(jdbc\.postgresql|dbt)\./.test(source);
  useEffect(() => {
    if (usesPostgres) void engineClient().database.warm(database);
  }, [usesPostgres, database]);

  const flowKey = validation.outline?.namespace && validation.outline?.id ? { ns: validation.outline.namespace, id: validation.outline.id } : null;
  const refreshHistory = useCallback(async () => {
    if (flowKey) setHistory(await listExecutions(flowKey.ns, flowKey.id));
  }, [flowKey?.ns, flowKey?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void refreshHistory();
  }, [refreshHistory]);

  // an exercise's "Open in the playground" / "Show the solution": the flow (and inputs) go into this editor
  const [exerciseNotice, setExerciseNotice] = useState(false);
  useEffect(() => {
    type Load = { playground: string; flow: string; inputs: Record<string, unknown>; dataset?: 'sample' | 'full' };
    const w = window as unknown as { __kestraPlaygroundLoad?: Load };
    const apply = (d: Load | undefined) => {
      if (d?.playground !== storageKey) return;
      w.__kestraPlaygroundLoad = undefined;
      stored.showShared(d.flow);
      setInputValues((prev) => ({ ...prev, ...d.inputs }));
      if (d.dataset) setDataset(d.dataset);
      setSharedNotice(false);
      setExerciseNotice(true);
    };
    apply(w.__kestraPlaygroundLoad);
    const onLoad = (e: Event) => apply((e as CustomEvent<Load>).detail);
    addEventListener('kestra-playground:load', onLoad);
    return () => removeEventListener('kestra-playground:load', onLoad);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);

  // a shared link loads the flow and inputs, and never runs it
  useEffect(() => {
    void readShareLink(location.hash).then((shared) => {
      if (!shared) return;
      stored.showShared(shared.flow);
      setInputValues(shared.inputs);
      setDataset(shared.dataset);
      setSharedNotice(true);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSave = useRef(0);
  const saveSoon = useCallback(() => {
    const save = () => {
      saveTimer.current = null;
      lastSave.current = Date.now();
      if (execRef.current) void saveExecution(execRef.current);
    };
    if (saveTimer.current) return;
    const wait = 200 - (Date.now() - lastSave.current);
    if (wait <= 0) save();
    else saveTimer.current = setTimeout(save, wait);
  }, []);

  // a new run, or (Overview) a Restart / Replay of an earlier execution
  const runFlow = useCallback((from?: RunFrom) => {
    if (busy || !validation.ready) return;
    setRunErrors([]);
    setInputErrors([]);
    setCrash(null);
    setSharedNotice(false);
    setBusy(true);
    setSelectedRun(null);
    execRef.current = null;
    setExecution(null);
    if (tab === 'executions' || tab === 'database') setTab('gantt');
    engineClient().run(source, inputValues, { dataset, secrets: parseSecrets(secretsText), kestraVersion, from }, {
      onEvents: (events: EngineEvent[]) => {
        // one batch folded at once: linear in the events, however many task runs there are
        const exec = reduceEvents(execRef.current, events);
        execRef.current = exec;
        setExecution(exec);
        // a state change is saved at once (at most every 200 ms), and the run every second while it runs (see below)
        if (exec && events.some((e) => e.type !== 'log')) saveSoon();
      },
      onInvalid: (errs, inErrs) => {
        setRunErrors(errs);
        setInputErrors(inErrs as InputError[]);
        setBusy(false);
      },
      onDone: () => {
        setBusy(false);
        if (execRef.current) void saveExecution(execRef.current).then(refreshHistory);
        setDbRefresh((n) => n + 1);
      },
      onCrash: (message) => {
        setCrash(message);
        setBusy(false);
        // the worker is gone: whatever was running is over
        const exec = execRef.current;
        if (exec && !isTerminated(exec.state.current)) {
          const killed = reduceEvents(exec, killUnfinished(exec, new Date().toISOString(), `The engine was restarted: ${message}`));
          execRef.current = killed;
          setExecution(killed);
          if (killed) void saveExecution(killed).then(refreshHistory);
        }
      },
    });
  }, [busy, validation.ready, source, inputValues, dataset, secretsText, tab, refreshHistory, saveSoon, kestraVersion]);
  const execute = useCallback(() => runFlow(), [runFlow]);

  // namespace files (a synced dbt project, scripts) and dbt's lineage, for the flows that use them
  const usesDbt = !!validation.outline?.tasks.some((x) => /\.dbt\.cli\.DbtCLI$/.test(x.type));
  const usesNamespaceFiles = usesDbt || /namespaceFiles:|\.git\.(SyncNamespaceFiles|Clone)\b|\bread\(/.test(source);

  // the scheduler of a flow with Schedule triggers: its executions show here as they run, and go to the history
  const hasTriggers = Array.isArray(validation.flow?.triggers) && (validation.flow!.triggers as { type?: string }[]).some((x) => /\.Schedule$/.test(String(x?.type ?? '')));
  const lastScheduledSave = useRef(new Map<string, number>());
  const latestScheduled = useRef(new Map<string, Execution>());
  const scheduledTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const scheduler = useScheduler(source, hasTriggers, { dataset, secrets: parseSecrets(secretsText), kestraVersion }, lang, (exec) => {
    // a manual run being watched keeps the view; otherwise the newest scheduled execution shows
    if (!busy || execRef.current?.id === exec.id) {
      execRef.current = exec;
      setExecution(exec);
    }
    const done = isTerminated(exec.state.current);
    // saved at most every 500 ms per execution, the latest state always (a QUEUED that lasts a second must show)
    latestScheduled.current.set(exec.id, exec);
    const save = () => {
      scheduledTimers.current.delete(exec.id);
      lastScheduledSave.current.set(exec.id, Date.now());
      const latest = latestScheduled.current.get(exec.id);
      if (latest) void saveExecution(latest).then(() => void refreshHistory());
    };
    const wait = 500 - (Date.now() - (lastScheduledSave.current.get(exec.id) ?? 0));
    if (done || wait <= 0) {
      clearTimeout(scheduledTimers.current.get(exec.id));
      save();
    } else if (!scheduledTimers.current.has(exec.id)) {
      scheduledTimers.current.set(exec.id, setTimeout(save, wait));
    }
    if (done) setDbRefresh((n) => n + 1);
  });

  // while an execution runs, save it every second with the time it was last seen alive, so a reload keeps
  // its real history (tasks that finished stay finished; the rest end KILLED at that time)
  useEffect(() => {
    if (!busy) return;
    const save = () => {
      const e = execRef.current;
      if (e && !isTerminated(e.state.current)) void saveExecution(e);
    };
    const timer = setInterval(save, 1000);
    addEventListener('pagehide', save);
    return () => {
      clearInterval(timer);
      removeEventListener('pagehide', save);
    };
  }, [busy]);

  const kill = useCallback(() => {
    if (execRef.current) engineClient().kill(execRef.current.id);
  }, []);

  const openExecution = useCallback(
    async (id: string, keepTab = false) => {
      if (!flowKey) return;
      const e = await loadExecution(flowKey.ns, flowKey.id, id);
      if (e) {
        execRef.current = e;
        setExecution(e);
        if (!keepTab) setTab('gantt');
      }
    },
    [flowKey],
  );

  // Expand (the whole window), Ctrl/⌘+Enter from anywhere inside, a run's results scrolled into view on a narrow screen
  const room = usePlaygroundRoom({ execute, shownExecution: execution?.id, tab });

  const errors = runErrors.length ? runErrors : validation.errors;
  const warnings = validation.warnings;
  const markers = useMemo(
    () => [
      ...errors.map((e) => ({ line: e.line, column: e.column, message: formatFlowError(e, lang) })),
      ...warnings.map((e) => ({ line: e.line, column: e.column, message: formatFlowError(e, lang), severity: 'warning' as const })),
    ],
    [errors, warnings, lang],
  );
  const running = busy && execution !== null && !isTerminated(execution.state.current);
  const inputErrorMap = useMemo(() => {
    const m: Record<string, string> = {};
    for (const e of inputErrors) m[e.id] = e.code ? formatFlowError({ code: e.code, params: e.params, message: e.message }, lang) : e.message;
    return m;
  }, [inputErrors, lang]);

  return (
    <section
      ref={room.sectionRef}
      className="pg"
      aria-label={t('playground.label')}
      data-pagefind-ignore
      data-ready={validation.ready ? 'true' : undefined}
      data-expanded={room.expanded ? 'true' : undefined}
      onKeyDown={room.onKeyDown}
    >
      <Toolbar
        tr={tr}
        ready={validation.ready}
        busy={busy}
        running={running}
        execution={execution}
        source={source}
        inputs={inputValues}
        dataset={usesTaxiData(source) ? dataset : undefined}
        expanded={room.expanded}
        onToggleExpanded={room.toggleExpanded}
        expandButtonRef={room.buttonRef}
        onExecute={room.execute}
        onKill={kill}
        onResume={() => execRef.current && engineClient().resume(execRef.current.id)}
        onReset={() => {
          if (source === flowSource || window.confirm(t('reset.confirm'))) resetSource();
        }}
      />
      {(execution as StoredExecution | null)?.interrupted && (
        <p className="pg-notice" role="status">
          {t('history.interrupted', { time: new Date((execution as StoredExecution).interrupted!.at).toLocaleTimeString(lang) })}
        </p>
      )}
      {execution?.state.current === 'PAUSED' && (
        <p className="pg-notice" role="status">
          {t('paused')}
        </p>
      )}
      {sharedNotice && (
        <LoadedOverSavedNotice
          tr={tr}
          message={stored.sharedOverSaved ? t('share.loadedOverSaved') : t('share.loaded')}
          overSaved={stored.sharedOverSaved}
          onBackToSaved={() => {
            stored.backToSaved();
            setSharedNotice(false);
          }}
        />
      )}
      {runtimeNote && (
        <p className="pg-notice" role="status" data-testid="runtime-loading">
          {runtimeNote}
        </p>
      )}
      {dbBusy && busy && !execution && (
        <p className="pg-notice" role="status">
          {t('db.busyExecute')}
        </p>
      )}
      {exerciseNotice && (
        <LoadedOverSavedNotice
          tr={tr}
          message={t('exercise.loaded')}
          overSaved={stored.sharedOverSaved}
          onBackToSaved={() => {
            stored.backToSaved();
            setExerciseNotice(false);
          }}
        />
      )}
      {leaseWaiting && (
        <p className="pg-notice" role="status" data-testid="lease-waiting">
          {leaseWaiting === 'busy' ? t('lease.waitingBusy') : t('lease.waiting')}
        </p>
      )}
      <div className="pg-body">
      <div className="pg-left">
      <div className="pg-settings">
        <KestraVersionSelect tr={tr} version={kestraVersion} onChange={setKestraVersion} />
      </div>
      <div className="pg-setup">
        <div className="pg-editor">
          <span className="pg-label" id={`${storageKey}-yaml-label`}>
            {t('editor.label')}
          </span>
          <FlowEditor
            id={`${storageKey}-yaml`}
            label={t('editor.label')}
            value={source}
            onChange={setSource}
            onExecute={room.execute}
            markers={markers}
            completion={validation.completion}
          />
          <p className="pg-hint">{t('edits.kept')}</p>
          {(source.includes('secret(') || secretsText) && <SecretsPanel tr={tr} text={secretsText} onChange={setSecretsText} />}
        </div>
        {(inputsSpec.length > 0 || usesTaxiData(source)) && (
          <div className="pg-side">
            <InputsForm
              inputs={inputsSpec}
              values={inputValues}
              onChange={(id, v) => setInputValues((p) => ({ ...p, [id]: v }))}
              errors={inputErrorMap}
              tr={tr}
              idPrefix={storageKey}
            />
            {usesTaxiData(source) && <DatasetPicker tr={tr} inputs={inputValues} dataset={dataset} onChange={setDataset} idPrefix={storageKey} />}
          </div>
        )}
      </div>

      <ProblemsList
        tr={tr}
        crash={crash}
        errors={errors}
        warnings={warnings}
        blockedRun={runErrors.length > 0}
        inputErrors={inputErrors.map((e) => ({ id: e.id, message: inputErrorMap[e.id] }))}
      />
      </div>

      <ExecutionTabs
        idPrefix={storageKey}
        tab={tab}
        onTab={setTab}
        tr={tr}
        execution={execution}
        running={running}
        flow={validation.flow}
        branchesOf={branchesOf}
        selectedRun={selectedRun}
        onSelectRun={(id) => {
          setSelectedRun(id);
          setTab('logs');
        }}
        onClearRun={() => setSelectedRun(null)}
        history={history}
        onOpenExecution={openExecution}
        database={database}
        dbRefresh={dbRefresh}
        filesNamespace={usesNamespaceFiles ? (validation.flow?.namespace ?? null) : null}
        lineage={usesDbt}
        onQuery={(sql) => {
          panelMemory.set(database, { sql, held: null, error: null, page: 0 });
          setTab('database');
        }}
        overviewActions={{
          busy,
          otherFlow: !!execution && !!flowKey && (execution.namespace !== flowKey.ns || execution.flowId !== flowKey.id),
          onRestart: () => execution && runFlow({ action: 'restart', execution }),
          onReplay: (taskRunId) => execution && runFlow({ action: 'replay', execution, taskRunId }),
          onStep: (id) => void openExecution(id, true),
        }}
        triggers={hasTriggers ? <TriggersView tr={tr} flow={validation.flow} scheduler={scheduler} version={kestraVersion} idPrefix={storageKey} /> : undefined}
      />
      </div>
    </section>
  );
}
