import type { FlowError } from '../../engine';
import { formatFlowError } from '../../engine/flow/errorMessages';
import type { Translator } from './i18n';

interface Props {
  tr: Translator;
  crash: string | null;
  /** Validation errors of the flow, located by line and column. */
  errors: FlowError[];
  /** What Kestra accepts but will fail or differ at run time. */
  warnings: FlowError[];
  /** True when the errors stopped an Execute (rather than being found while typing). */
  blockedRun: boolean;
  /** Input values that did not pass, already translated. */
  inputErrors: { id: string; message: string }[];
}

/** Everything wrong with the flow or its inputs, in the page's language, each with where it is. */
export function ProblemsList({ tr, crash, errors, warnings, blockedRun, inputErrors }: Props) {
  const { t } = tr;
  const warningList = warnings.length ? <WarningsList tr={tr} warnings={warnings} /> : null;
  if (!errors.length && !inputErrors.length && !crash) return warningList;
  return (
    <>
    <div className="pg-errors" role="alert">
      {crash && <p>{t('crash', { message: crash })}</p>}
      {errors.length > 0 && (
        <>
          <p>{blockedRun ? t('invalid.title') : t('validation.count', { count: errors.length })}</p>
          <ul>
            {errors.map((e, i) => (
              <li key={i} className="pg-error">
                <strong>{t('line.col', { line: e.line, column: e.column })}</strong>
                {e.path ? <code>{e.path}</code> : null} {formatFlowError(e, tr.lang)}
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
    {warningList}
    </>
  );
}

/** Warnings: the flow runs, but a line will fail or behave differently (said in the page's language). */
function WarningsList({ tr, warnings }: { tr: Translator; warnings: FlowError[] }) {
  const { t } = tr;
  return (
    <div className="pg-warnings" role="status">
      <p>{t('validation.warnings', { count: warnings.length })}</p>
      <ul>
        {warnings.map((e, i) => (
          <li key={i} className="pg-warning">
            <strong>{t('line.col', { line: e.line, column: e.column })}</strong>
            {e.path ? <code>{e.path}</code> : null} {formatFlowError(e, tr.lang)}
          </li>
        ))}
      </ul>
    </div>
  );
}
