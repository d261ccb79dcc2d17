import { useId } from 'react';
import { KESTRA_VERSIONS, type KestraVersion } from '../../../engine/KestraVersion';
import type { MessageKey, Translator } from '../i18n';

/** "Behave like: Kestra 1.1 (2026 cohort)": which Kestra the engine follows where versions differ. */
export function KestraVersionSelect({ tr, version, onChange }: { tr: Translator; version: KestraVersion; onChange(v: KestraVersion): void }) {
  const id = useId();
  return (
    <span className="pg-version">
      <label htmlFor={id} className="pg-label pg-inline-label">
        {tr.t('version.label')}
      </label>
      <select id={id} className="pg-select" value={version} onChange={(e) => onChange(e.target.value as KestraVersion)} title={tr.t('version.hint')} aria-describedby={`${id}-hint`}>
        {KESTRA_VERSIONS.map((v) => (
          <option key={v} value={v}>
            {tr.t(`version.${v}` as MessageKey)}
          </option>
        ))}
      </select>
      <span id={`${id}-hint`} className="sr-only">
        {tr.t('version.hint')}
      </span>
    </span>
  );
}
