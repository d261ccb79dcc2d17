import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { EngineApi, TableInfo } from '../EngineApi';
import type { Translator } from '../i18n';
import { TableList } from './TableList';
import { ResultGrid } from './ResultGrid';
import { SqlErrorView } from './SqlErrorView';
import { ResetDatabase } from './ResetDatabase';
import { toCsv } from './toCsv';
import { quoteIdent } from '../../../engine/postgres/quoteIdent';
import { isReadOnlySql } from './isReadOnlySql';
import { sqlErrorOf } from './sqlErrorOf';
import { panelMemory, type HeldResult, type PanelState } from './panelMemory';
import { downloadBlob } from '../views/downloadBlob';

export interface DatabasePanelProps {
  api: EngineApi;
  tr: Translator;
  /** The database the lesson's flows use (e.g. `postgres-zoomcamp`). */
  defaultDatabase: string;
  /** Changes after each run, so the database and table lists reload. */
  refreshKey?: number;
}

export const PAGE_SIZE = 50;
/** Rows fetched per query call; pages inside this window need no new call. */
const FETCH_ROWS = 500;

type Tables = { kind: 'loading' } | { kind: 'ready'; tables: TableInfo[] } | { kind: 'error'; message: string };

const messageOf = (e: unknown) => sqlErrorOf(e).message;
const emptyState = (): PanelState => ({ sql: '', held: null, error: null, page: 0 });

/** What pgAdmin is in the course: the in-browser Postgres' schemas, tables and columns, a SQL box with a paged grid, CSV export and reset. */
export function DatabasePanel({ api, tr, defaultDatabase, refreshKey = 0 }: DatabasePanelProps) {
  const { t } = tr;
  const id = useId();
  const [db, setDb] = useState(defaultDatabase);
  const [databases, setDatabases] = useState<string[]>([defaultDatabase]);
  const [tables, setTables] = useState<Tables>({ kind: 'loading' });
  const [booted, setBooted] = useState(false);
  const [state, setStateRaw] = useState<PanelState>(() => panelMemory.get(defaultDatabase) ?? emptyState());
  const [running, setRunning] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const request = useRef(0);
  /** Set when the learner cancelled the running query (its call then rejects). */
  const cancelled = useRef(false);
  const sqlRef = useRef<HTMLTextAreaElement>(null);

  const setState = useCallback(
    (update: (s: PanelState) => PanelState) =>
      setStateRaw((s) => {
        const next = update(s);
        panelMemory.set(db, next);
        return next;
      }),
    [db],
  );

  useEffect(() => setDb(defaultDatabase), [defaultDatabase]);
  useEffect(() => {
    setStateRaw(panelMemory.get(db) ?? emptyState());
    setNote(null);
  }, [db]);

  const loadTables = useCallback(async () => {
    const mine = ++request.current;
    setTables((prev) => (prev.kind === 'ready' ? prev : { kind: 'loading' }));
    try {
      const [list, names] = await Promise.all([api.database.tables(db), api.database.list().catch(() => [] as string[])]);
      if (mine !== request.current) return;
      setTables({ kind: 'ready', tables: list });
      setDatabases([...new Set([defaultDatabase, db, ...names])]);
      setBooted(true);
    } catch (e) {
      if (mine !== request.current) return;
      setTables({ kind: 'error', message: messageOf(e) });
    }
  }, [api, db, defaultDatabase]);

  useEffect(() => {
    setTables({ kind: 'loading' });
    void loadTables();
  }, [loadTables, refreshKey]);

  const run = async (sqlText = state.sql) => {
    if (!sqlText.trim() || running) return;
    setRunning(true);
    setNote(null);
    cancelled.current = false;
    try {
      const result = await api.database.query(db, sqlText, { offset: 0, limit: FETCH_ROWS });
      const held: HeldResult = { sql: sqlText, result, offset: 0, readOnly: isReadOnlySql(sqlText) };
      setState((s) => ({ ...s, held, error: null, page: 0 }));
      if (!held.readOnly) void loadTables();
    } catch (e) {
      if (cancelled.current) {
        setState((s) => ({ ...s, held: null, error: null, page: 0 }));
        setNote(t('db.cancelled'));
      } else {
        setState((s) => ({ ...s, held: null, error: { error: sqlErrorOf(e), sql: sqlText }, page: 0 }));
      }
    } finally {
      setRunning(false);
    }
  };

  const held = state.held;
  /** Rows the learner may page through: all of them for a re-runnable query, else the ones fetched. */
  const total = held ? (held.readOnly ? held.result.rowCount : Math.min(held.result.rowCount, held.offset + held.result.rows.length)) : 0;
  const pages = Math.max(Math.ceil(total / PAGE_SIZE), 1);

  const goTo = async (page: number) => {
    if (!held || page < 0 || page >= pages) return;
    const from = page * PAGE_SIZE;
    const to = Math.min(from + PAGE_SIZE, total);
    if (from >= held.offset && to <= held.offset + held.result.rows.length) {
      setState((s) => ({ ...s, page }));
      return;
    }
    setRunning(true);
    try {
      const result = await api.database.query(db, held.sql, { offset: from, limit: FETCH_ROWS });
      setState((s) => ({ ...s, page, held: { ...held, offset: from, result: { ...result, durationMs: held.result.durationMs } } }));
    } catch (e) {
      setState((s) => ({ ...s, held: null, error: { error: sqlErrorOf(e), sql: held.sql } }));
    } finally {
      setRunning(false);
    }
  };

  const exportCsv = async () => {
    if (!held) return;
    const columns = held.result.columns.map((c) => c.name);
    let rows = held.result.rows;
    const complete = held.offset === 0 && rows.length >= held.result.rowCount;
    if (!complete && held.readOnly) {
      setRunning(true);
      try {
        rows = (await api.database.query(db, held.sql, { offset: 0, limit: held.result.rowCount })).rows;
      } catch (e) {
        setNote(messageOf(e));
        return;
      } finally {
        setRunning(false);
      }
    } else if (!complete) {
      setNote(t('db.csvPartial', { count: rows.length }));
    }
    downloadBlob(toCsv(columns, rows), `${db}-query.csv`, 'text/csv;charset=utf-8');
  };

  const pick = (table: TableInfo) => {
    const sql = `SELECT * FROM ${quoteIdent(table.schema)}.${quoteIdent(table.name)} LIMIT 100;`;
    setState((s) => ({ ...s, sql }));
    sqlRef.current?.focus();
  };

  const reset = async () => {
    await api.database.reset(db);
    setState(() => emptyState());
    await loadTables();
  };

  const n = (v: number) => v.toLocaleString(tr.lang);
  const pageRows = held ? held.result.rows.slice(state.page * PAGE_SIZE - held.offset, state.page * PAGE_SIZE - held.offset + PAGE_SIZE) : [];
  const from = state.page * PAGE_SIZE + 1;

  return (
    <div className="pg-db">
      <div className="pg-view-tools">
        <label htmlFor={`${id}-db`} className="pg-label pg-inline-label">
          {t('db.select')}
        </label>
        <select id={`${id}-db`} className="pg-select" value={db} onChange={(e) => setDb(e.target.value)}>
          {databases.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" className="pg-button pg-small" onClick={() => void loadTables()} disabled={tables.kind === 'loading'}>
          {t('db.refresh')}
        </button>
        <ResetDatabase db={db} tr={tr} disabled={running || tables.kind === 'loading'} onReset={reset} />
      </div>

      <div className="pg-db-layout">
        <section className="pg-db-side" aria-labelledby={`${id}-tables`} aria-busy={tables.kind === 'loading'}>
          <p className="pg-view-title" id={`${id}-tables`}>
            {t('db.tables')}
          </p>
          {tables.kind === 'loading' && (
            <p className="pg-empty" role="status">
              {booted ? t('db.loading') : t('db.booting')}
            </p>
          )}
          {tables.kind === 'error' && (
            <p className="pg-notice" role="alert">
              {t('db.loadFailed', { message: tables.message })}
            </p>
          )}
          {tables.kind === 'ready' &&
            (tables.tables.length ? (
              <TableList tables={tables.tables} tr={tr} onPick={pick} />
            ) : (
              <p className="pg-empty">{t('db.noTables', { db })}</p>
            ))}
        </section>

        <div className="pg-db-main">
          <label htmlFor={`${id}-sql`} className="pg-label">
            {t('db.sql')}
          </label>
          <textarea
            ref={sqlRef}
            id={`${id}-sql`}
            className="pg-db-sql"
            spellCheck={false}
            rows={5}
            value={state.sql}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              const sql = e.target.value;
              setState((s) => ({ ...s, sql }));
            }}
            onKeyDown={(e) => {
              if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
                e.preventDefault();
                e.stopPropagation();
                void run();
              }
            }}
          />
          <div className="pg-view-tools">
            <button type="button" className="pg-button pg-primary" onClick={() => void run()} disabled={running || !state.sql.trim()}>
              {running ? t('db.running') : t('db.run')}
            </button>
            {running && (
              <button
                type="button"
                className="pg-button"
                onClick={() => {
                  cancelled.current = true;
                  api.database.cancel();
                }}
              >
                {t('db.cancel')}
              </button>
            )}
            <span id={`${id}-hint`} className="pg-hint">
              {t('db.sqlHint')}
            </span>
          </div>

          {state.error && <SqlErrorView error={state.error.error} sql={state.error.sql} tr={tr} />}

          {held && (
            <div className="pg-db-result" aria-busy={running} data-stale={running ? 'true' : undefined}>
              <div className="pg-view-tools" role="status">
                <span>
                  {held.result.columns.length === 0
                    ? held.result.affectedRows !== undefined
                      ? t('db.affected', { count: n(held.result.affectedRows) })
                      : t('db.noRows')
                    : total === 0
                      ? t('db.noRows')
                      : t(held.result.rowCountCapped ? 'db.rangeCapped' : 'db.range', { from: n(from), to: n(from + pageRows.length - 1), total: n(total) })}
                </span>
                <span className="pg-db-duration">{t('db.duration', { ms: n(Math.round(held.result.durationMs * 10) / 10) })}</span>
              </div>
              {held.result.columns.length > 0 && (
                <>
                  <div className="pg-view-tools">
                    <button type="button" className="pg-button pg-small" onClick={() => void goTo(state.page - 1)} disabled={running || state.page === 0}>
                      {t('db.prev')}
                    </button>
                    <button type="button" className="pg-button pg-small" onClick={() => void goTo(state.page + 1)} disabled={running || state.page >= pages - 1}>
                      {t('db.next')}
                    </button>
                    <button type="button" className="pg-button pg-small" onClick={() => void exportCsv()} disabled={running}>
                      {t('db.csv')}
                    </button>
                  </div>
                  {!held.readOnly && held.result.rowCount > held.result.rows.length && (
                    <p className="pg-hint">{t('db.csvPartial', { count: n(held.result.rows.length) })}</p>
                  )}
                  <ResultGrid columns={held.result.columns} rows={pageRows} caption={t('db.result')} tr={tr} firstRowNumber={from} />
                </>
              )}
            </div>
          )}
          {note && (
            <p className="pg-notice" role="status">
              {note}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
