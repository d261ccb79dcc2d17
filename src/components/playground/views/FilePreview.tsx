import { useId, useState } from 'react';
import type { EngineApi } from '../EngineApi';
import type { Translator } from '../i18n';
import { ResultGrid } from '../database/ResultGrid';
import { fileNameOf } from './fileNameOf';
import { formatBytes } from './formatBytes';
import { downloadBlob } from './downloadBlob';
import { previewFile, PREVIEW_TEXT_BYTES, type FilePreviewData } from './previewFile';

export interface FilePreviewProps {
  /** The file's `kestra:///…` URI in internal storage. */
  uri: string;
  api: EngineApi;
  tr: Translator;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; bytes: Uint8Array; preview: FilePreviewData | null };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : typeof e === 'object' && e && 'message' in e ? String((e as { message: unknown }).message) : String(e));

/**
 * Preview and Download buttons for a file output. The file is read once
 * through the engine (api.readFile); a purged file shows the engine's message.
 */
export function FilePreview({ uri, api, tr }: FilePreviewProps) {
  const { t } = tr;
  const name = fileNameOf(uri);
  const regionId = useId();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [open, setOpen] = useState(false);

  const load = async (): Promise<Uint8Array | null> => {
    if (status.kind === 'ready') return status.bytes;
    setStatus({ kind: 'loading' });
    try {
      const bytes = await api.readFile(uri);
      setStatus({ kind: 'ready', bytes, preview: null });
      return bytes;
    } catch (e) {
      setStatus({ kind: 'error', message: messageOf(e) });
      return null;
    }
  };

  const togglePreview = async () => {
    if (open) return setOpen(false);
    setOpen(true);
    const bytes = await load();
    if (bytes) {
      try {
        setStatus({ kind: 'ready', bytes, preview: previewFile(bytes, name) });
      } catch (e) {
        setStatus({ kind: 'error', message: messageOf(e) });
      }
    }
  };

  const download = async () => {
    const bytes = await load();
    if (bytes) downloadBlob(bytes, name, /\.csv$/i.test(name) ? 'text/csv' : 'application/octet-stream');
  };

  const busy = status.kind === 'loading';
  return (
    <div className="pg-file" role="group" aria-label={t('file.actions', { name })}>
      <span className="pg-file-buttons">
        <button type="button" className="pg-button pg-small" aria-expanded={open} aria-controls={regionId} onClick={togglePreview} disabled={busy}>
          {open ? t('file.hidePreview') : t('file.preview')}
        </button>
        <button type="button" className="pg-button pg-small" onClick={download} disabled={busy}>
          {t('file.download')}
        </button>
        {status.kind === 'ready' && <span className="pg-file-size">{t('file.size', { size: formatBytes(status.bytes.length) })}</span>}
      </span>
      <div id={regionId} className="pg-file-preview" hidden={!open && status.kind !== 'error'}>
        {busy && <span role="status">{t('file.reading')}</span>}
        {status.kind === 'error' && (
          <span className="pg-notice" role="status">
            {t('file.gone', { message: status.message })}
          </span>
        )}
        {open && status.kind === 'ready' && status.preview && <PreviewBody data={status.preview} name={name} total={status.bytes.length} tr={tr} />}
      </div>
    </div>
  );
}

function PreviewBody({ data, name, total, tr }: { data: FilePreviewData; name: string; total: number; tr: Translator }) {
  const { t } = tr;
  if (data.kind === 'empty') return <span className="pg-empty">{t('file.empty')}</span>;
  if (data.kind === 'text') {
    return (
      <>
        <pre className="pg-file-text" tabIndex={0} aria-label={t('file.caption', { name })}>
          {data.text}
        </pre>
        {data.truncated && <span className="pg-file-note">{t('file.truncated', { shown: formatBytes(PREVIEW_TEXT_BYTES), total: formatBytes(total) })}</span>}
      </>
    );
  }
  const width = Math.max(data.header.length, ...data.rows.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, i) => ({ name: data.header[i] ?? `column_${i + 1}` }));
  return (
    <>
      <span className="pg-file-note">
        {t(data.approximate ? 'file.rowsShownApprox' : 'file.rowsShown', { shown: data.rows.length, total: data.totalRows })}
      </span>
      <ResultGrid columns={columns} rows={data.rows} caption={t('file.caption', { name })} tr={tr} firstRowNumber={1} />
    </>
  );
}
