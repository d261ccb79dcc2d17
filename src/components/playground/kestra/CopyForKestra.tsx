import { useState } from 'react';
import type { KestraVersionCompatibility } from '../../../engine';
import { formatFlowError } from '../../../engine/flow/errorMessages';
import type { MessageKey, Translator } from '../i18n';
import { engineClient } from '../engineClient';

interface Props {
  tr: Translator;
  source: string;
  /** Says a short message in the toolbar (copied, or why not). */
  say(message: string): void;
}

/**
 * "Copy YAML for Kestra": copies the flow exactly as typed, then says which
 * Kestra versions accept it as it is (0.20.7, 1.1, 2.0), each reason on its
 * line, from the migration rules the validator uses (kestraCompatibility).
 */
export function CopyForKestra({ tr, source, say }: Props) {
  const { t } = tr;
  const [report, setReport] = useState<KestraVersionCompatibility[] | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(source);
      say(t('kestra.copied'));
    } catch {
      say(t('crash', { message: 'clipboard unavailable' }));
    }
    try {
      setReport(await engineClient().call('compatibility', source));
    } catch {
      setReport(null);
    }
  };
  return (
    <>
      <button type="button" className="pg-button" onClick={() => void copy()}>
        {t('kestra.copy')}
      </button>
      {report && (
        <div className="pg-compat" role="status" data-testid="kestra-compatibility">
          <p className="pg-view-title">{t('compat.title')}</p>
          {report.every((r) => !r.accepted && r.rejects.length === 0) ? (
            <p>{t('compat.invalid')}</p>
          ) : (
            <ul>
              {report.map((r) => (
                <li key={r.version} data-version={r.version} data-accepted={r.accepted ? 'true' : 'false'}>
                  <strong>{t(`compat.${r.version}` as MessageKey)}</strong>
                  {': '}
                  {r.accepted ? (r.notes.length ? t('compat.notes', { count: r.notes.length }) : t('compat.accepts')) : t('compat.rejects')}
                  {(r.accepted ? r.notes : r.rejects).length > 0 && (
                    <ul>
                      {(r.accepted ? r.notes : r.rejects).map((e, i) => (
                        <li key={i}>{t('compat.at', { line: e.line, message: formatFlowError(e, tr.lang) })}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="pg-button pg-small" onClick={() => setReport(null)}>
            {t('compat.close')}
          </button>
        </div>
      )}
    </>
  );
}
