import { useCallback, useEffect, useId, useState } from 'react';
import type { Translator } from '../i18n';
import { engineClient } from '../engineClient';
import { CodeEditor } from '../editor/CodeEditor';
import { formatBytes } from './formatBytes';

interface Props {
  tr: Translator;
  namespace: string;
  /** Changes after each run (a sync may have written files). */
  refreshKey: number;
}

type Entry = { path: string; size: number };

/**
 * Kestra's namespace files: browse the namespace's files (a synced dbt
 * project, scripts), edit one (SQL and YAML highlighted), save, add and
 * delete. Kept in this browser; flows with `namespaceFiles: {enabled: true}`
 * get them in their working directory.
 */
export function FilesView({ tr, namespace, refreshKey }: Props) {
  const { t } = tr;
  const id = useId();
  const [files, setFiles] = useState<Entry[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [newPath, setNewPath] = useState('');
  const api = engineClient();

  const load = useCallback(async () => {
    try {
      setFiles(await api.call('nsList', namespace, true));
    } catch (e) {
      setNote((e as Error).message);
      setFiles([]);
    }
  }, [api, namespace]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const openFile = async (path: string) => {
    setNote(null);
    try {
      const content = (await api.call('nsRead', namespace, path)) ?? '';
      setOpen(path);
      setText(content);
      setSaved(content);
    } catch (e) {
      setNote((e as Error).message);
    }
  };
  const save = async () => {
    if (!open) return;
    await api.call('nsWrite', namespace, open, text);
    setSaved(text);
    setNote(t('files.saved', { path: open }));
    void load();
  };
  const remove = async (path: string) => {
    if (!window.confirm(t('files.deleteConfirm', { path }))) return;
    await api.call('nsDelete', namespace, path);
    if (open === path) setOpen(null);
    void load();
  };
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const path = newPath.trim().replace(/^\/+/, '');
    if (!path) return;
    try {
      await api.call('nsWrite', namespace, path, '');
      setNewPath('');
      await load();
      await openFile(path);
    } catch (err) {
      setNote((err as Error).message);
    }
  };

  return (
    <div className="pg-files">
      <div className="pg-db-layout">
        <section className="pg-db-side" aria-labelledby={`${id}-list`}>
          <p className="pg-view-title" id={`${id}-list`}>
            {t('files.title', { namespace })}
          </p>
          {files === null ? (
            <p className="pg-empty">{t('files.loading')}</p>
          ) : files.length === 0 ? (
            <p className="pg-empty">{t('files.none', { namespace })}</p>
          ) : (
            <ul className="pg-file-list">
              {files.map((f) => (
                <li key={f.path} aria-current={open === f.path ? 'true' : undefined}>
                  <button type="button" className="pg-link" onClick={() => void openFile(f.path)} title={formatBytes(f.size)}>
                    {f.path}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={add} className="pg-view-tools">
            <label htmlFor={`${id}-new`} className="sr-only">
              {t('files.newPath')}
            </label>
            <input id={`${id}-new`} className="pg-input" placeholder="models/my_model.sql" value={newPath} onChange={(e) => setNewPath(e.target.value)} />
            <button type="submit" className="pg-button pg-small" disabled={!newPath.trim()}>
              {t('files.add')}
            </button>
          </form>
        </section>
        <div className="pg-db-main">
          {open ? (
            <>
              <div className="pg-view-tools">
                <code>{open}</code>
                <button type="button" className="pg-button pg-primary pg-small" onClick={() => void save()} disabled={text === saved}>
                  {t('files.save')}
                </button>
                <button type="button" className="pg-button pg-small" onClick={() => void remove(open)}>
                  {t('files.delete')}
                </button>
                {text !== saved && <span className="pg-hint">{t('files.unsaved')}</span>}
              </div>
              <CodeEditor path={open} value={text} onChange={setText} label={t('files.editorLabel', { path: open })} />
            </>
          ) : (
            <p className="pg-empty">{t('files.pick')}</p>
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
