import { useEffect, useId, useRef, useState } from 'react';
import type { Translator } from '../i18n';

export interface ResetDatabaseProps {
  db: string;
  tr: Translator;
  disabled?: boolean;
  /** Drops everything; rejects with the reason if it could not. */
  onReset(): Promise<void>;
}

/** The "Reset database" button and its in-page confirmation, which names the database. Escape cancels. */
export function ResetDatabase({ db, tr, disabled, onReset }: ResetDatabaseProps) {
  const { t } = tr;
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const restoreFocus = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (restoreFocus.current && !busy) {
      restoreFocus.current = false;
      openRef.current?.focus();
    }
  }, [asking, busy]);

  const close = () => {
    restoreFocus.current = true;
    setAsking(false);
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await onReset();
      setMessage(t('db.reset.done', { db }));
    } catch (e) {
      setMessage(t('db.reset.failed', { db, message: e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e) }));
    } finally {
      setBusy(false);
      close();
    }
  };

  return (
    <div className="pg-db-reset">
      <button
        ref={openRef}
        type="button"
        className="pg-button pg-danger"
        aria-expanded={asking}
        aria-controls={asking ? `${id}-dialog` : undefined}
        disabled={disabled || busy}
        onClick={() => {
          setMessage(null);
          setAsking(true);
        }}
      >
        {busy ? t('db.reset.running') : t('db.reset')}
      </button>
      {asking && (
        <div
          id={`${id}-dialog`}
          className="pg-confirm"
          role="alertdialog"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-body`}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) {
              e.stopPropagation();
              close();
            }
          }}
        >
          <p id={`${id}-title`} className="pg-confirm-title">
            {t('db.reset.title', { db })}
          </p>
          <p id={`${id}-body`}>{t('db.reset.body', { db })}</p>
          <div className="pg-view-tools">
            <button ref={cancelRef} type="button" className="pg-button" onClick={close} disabled={busy}>
              {t('db.reset.cancel')}
            </button>
            <button type="button" className="pg-button pg-danger" onClick={confirm} disabled={busy}>
              {busy ? t('db.reset.running') : t('db.reset.confirm')}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p className="pg-notice" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
