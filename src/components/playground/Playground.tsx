import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { reduceExecution, isTerminated, type EngineEvent, type Execution, type FlowError } from '../../engine';
import { engineClient } from './engineClient';
import { GanttChart } from './GanttChart';
import { LogPanel } from './LogPanel';
import { translator, type Lang } from './i18n';
import { useStoredSource } from './useStoredSource';

export interface PlaygroundProps {
  /** The lesson's flow YAML. */
  flowSource: string;
  /** Key under which this lesson's edits are kept in the browser. */
  storageKey: string;
  lang: Lang;
}

type Tab = 'gantt' | 'logs';

/** The lesson playground: edit a flow, execute it in the engine worker, watch Gantt and logs fill in. */
export default function Playground({ flowSource, storageKey, lang }: PlaygroundProps) {
  const tr = useMemo(() => translator(lang), [lang]);
  const { t } = tr;
  const [source, setSource, resetSource] = useStoredSource(storageKey, flowSource);
  const [execution, setExecution] = useState<Execution | null>(null);
  const [errors, setErrors] = useState<FlowError[]>([]);
  const [inputErrors, setInputErrors] = useState<{ id: string; message: string }[]>([]);
  const [crash, setCrash] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<Tab>('gantt');
  const execRef = useRef<Execution | null>(null);

  const execute = useCallback(() => {
    setErrors([]);
    setInputErrors([]);
    setCrash(null);
    setBusy(true);
    execRef.current = null;
    setExecution(null);
    engineClient().run(source, {}, {
      onEvents: (events: EngineEvent[]) => {
        let exec = execRef.current;
        for (const e of events) exec = reduceExecution(exec, e);
        execRef.current = exec;
        setExecution(exec);
      },
      onInvalid: (errs, inErrs) => {
        setErrors(errs);
        setInputErrors(inErrs);
        setBusy(false);
      },
      onDone: () => setBusy(false),
      onCrash: (message) => {
        setCrash(message);
        setBusy(false);
      },
    });
  }, [source]);

  const kill = useCallback(() => {
    if (execRef.current) engineClient().kill(execRef.current.id);
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 'Enter' || e.key === 'e' || e.key === 'E')) {
      e.preventDefault();
      if (!busy) execute();
    }
  };

  useEffect(() => {
    document.documentElement.dataset.playgroundReady = 'true';
  }, []);

  const running = busy && execution !== null && !isTerminated(execution.state.current);

  return (
    <section className="pg" aria-label={t('playground.label')} data-pagefind-ignore onKeyDown={onKeyDown}>
      <div className="pg-editor">
        <label className="pg-label" htmlFor={`${storageKey}-yaml`}>
          {t('editor.label')}
        </label>
        <textarea
          id={`${storageKey}-yaml`}
          className="pg-textarea"
          spellCheck={false}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          rows={Math.min(Math.max(source.split('\n').length + 1, 8), 30)}
        />
        <div className="pg-toolbar">
          <button type="button" className="pg-button pg-primary" onClick={execute} disabled={busy}>
            {busy ? t('executing') : t('execute')}
          </button>
          {running && (
            <button type="button" className="pg-button" onClick={kill}>
              {t('kill')}
            </button>
          )}
          <button
            type="button"
            className="pg-button pg-secondary"
            onClick={() => {
              if (source === flowSource || window.confirm(t('reset.confirm'))) resetSource();
            }}
          >
            {t('reset')}
          </button>
          {execution && (
            <span className="pg-state" data-state={execution.state.current} role="status">
              {t('execution.state', { id: execution.id.slice(0, 8), state: tr.state(execution.state.current) })}
            </span>
          )}
        </div>
      </div>

      {(errors.length > 0 || inputErrors.length > 0 || crash) && (
        <div className="pg-errors" role="alert">
          {crash && <p>{t('crash', { message: crash })}</p>}
          {errors.length > 0 && (
            <>
              <p>{t('invalid.title')}</p>
              <ul>
                {errors.map((e, i) => (
                  <li key={i} className="pg-error">
                    <strong>{t('line.col', { line: e.line, column: e.column })}</strong>
                    {e.path ? <code>{e.path}</code> : null} {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {inputErrors.length > 0 && (
            <>
              <p>{t('invalid.inputs')}</p>
              <ul>
                {inputErrors.map((e) => (
                  <li key={e.id} className="pg-error">
                    <code>{e.id}</code> {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      <div className="pg-tabs" role="tablist" aria-label={t('playground.label')}>
        {(['gantt', 'logs'] as Tab[]).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`${storageKey}-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`${storageKey}-panel-${id}`}
            className="pg-tab"
            onClick={() => setTab(id)}
          >
            {t(`tab.${id}`)}
          </button>
        ))}
      </div>
      <div className="pg-panel" role="tabpanel" id={`${storageKey}-panel-gantt`} aria-labelledby={`${storageKey}-tab-gantt`} hidden={tab !== 'gantt'}>
        <GanttChart execution={execution} tr={tr} />
      </div>
      <div className="pg-panel" role="tabpanel" id={`${storageKey}-panel-logs`} aria-labelledby={`${storageKey}-tab-logs`} hidden={tab !== 'logs'}>
        <LogPanel execution={execution} tr={tr} />
      </div>
    </section>
  );
}
