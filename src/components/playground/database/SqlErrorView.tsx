import type { SqlError } from '../EngineApi';
import type { Translator } from '../i18n';
import { lineColumnAt } from './lineColumnAt';

export interface SqlErrorViewProps {
  error: SqlError;
  /** The SQL text that was run, to point at the error position. */
  sql: string;
  tr: Translator;
}

/** Spaces (tabs kept) up to the column, so the caret lines up under the character. */
function caretPad(line: string, column: number): string {
  return Array.from(line)
    .slice(0, Math.max(column - 1, 0))
    .map((c) => (c === '\t' ? '\t' : ' '))
    .join('');
}

/** A failed statement: Postgres' message, its SQLSTATE, and the offending line with a caret under the position. */
export function SqlErrorView({ error, sql, tr }: SqlErrorViewProps) {
  const { t } = tr;
  const at = error.position ? lineColumnAt(sql, error.position) : null;
  return (
    <div className="pg-db-error" role="alert">
      <p>
        <strong>{t('db.error')}</strong>
        {error.code && ' '}
        {error.code && <span className="pg-db-sqlstate">{t('db.sqlstate', { code: error.code })}</span>}
      </p>
      <p className="pg-db-error-message">{error.message}</p>
      {at && (
        <>
          <p className="pg-db-error-at">{t('db.errorAt', { line: at.line, column: at.column })}</p>
          <pre className="pg-db-caret" aria-hidden="true">
            {`${at.lineText}\n${caretPad(at.lineText, at.column)}^`}
          </pre>
        </>
      )}
    </div>
  );
}
