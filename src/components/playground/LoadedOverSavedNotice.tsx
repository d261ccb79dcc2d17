import type { Translator } from './i18n';

interface Props {
  tr: Translator;
  /** What was loaded into the editor (a shared link, an exercise). */
  message: string;
  /** True when the learner's own saved edits were set aside for it: they are one click away. */
  overSaved: boolean;
  onBackToSaved(): void;
}

/** Says what the editor now holds and, when it replaced the learner's saved flow, offers it back. */
export function LoadedOverSavedNotice({ tr, message, overSaved, onBackToSaved }: Props) {
  return (
    <p className="pg-notice" role="status">
      {message}
      {overSaved && (
        <>
          {' '}
          <button type="button" className="pg-button" onClick={onBackToSaved}>
            {tr.t('share.backToSaved')}
          </button>
        </>
      )}
    </p>
  );
}
