import { useState, type RefObject } from 'react';
import type { Execution } from '../../engine';
import type { Translator } from './i18n';
import { createShareLink, type Dataset } from './shareLink';
import { useExecuteShortcut } from './room/executeShortcut';
import { CopyForKestra } from './kestra/CopyForKestra';

interface Props {
  tr: Translator;
  /** False until the engine worker has answered once (clicks before that would be lost). */
  ready: boolean;
  busy: boolean;
  running: boolean;
  execution: Execution | null;
  source: string;
  inputs: Record<string, unknown>;
  /** Sample or full month: a share link keeps it. */
  dataset?: Dataset;
  /** True while the playground has the whole window. */
  expanded?: boolean;
  onToggleExpanded?(): void;
  /** The Expand button (focus returns to it when the full window closes). */
  expandButtonRef?: RefObject<HTMLButtonElement | null>;
  onExecute(): void;
  onKill(): void;
  onResume(): void;
  onReset(): void;
}

/** Execute, Kill, Reset, Share, "copy for Kestra" and Expand, with the execution's state. */
export function Toolbar(props: Props) {
  const { tr, ready, busy, running, execution, source, inputs, dataset, expanded = false, onExecute, onKill, onResume, onReset } = props;
  const { t } = tr;
  const shortcut = useExecuteShortcut();
  const [flash, setFlash] = useState<string | null>(null);
  const say = (msg: string) => {
    setFlash(msg);
    setTimeout(() => setFlash(null), 2500);
  };
  const share = async () => {
    const shareable = Object.fromEntries(Object.entries(inputs).filter(([, v]) => !(v instanceof Blob)));
    const link = await createShareLink({ flow: source, inputs: shareable, ...(dataset ? { dataset } : {}) }, location.href);
    history.replaceState(null, '', link);
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      /* the link is in the address bar anyway */
    }
    say(t('share.copied'));
  };
  const howto = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${tr.lang === 'zh-TW' ? 'zh-tw/' : ''}run-on-kestra/`;
  return (
    <div className="pg-toolbar">
      <button
        type="button"
        className="pg-button pg-primary"
        onClick={onExecute}
        disabled={busy || !ready}
        title={t('execute.shortcut', { keys: shortcut.label })}
        aria-keyshortcuts={shortcut.aria}
      >
        {busy ? t('executing') : t('execute')}
      </button>
      {running && (
        <button type="button" className="pg-button pg-danger" onClick={onKill}>
          {t('kill')}
        </button>
      )}
      {execution?.state.current === 'PAUSED' && (
        <button type="button" className="pg-button pg-primary" onClick={onResume}>
          {t('resume')}
        </button>
      )}
      <button type="button" className="pg-button" onClick={onReset}>
        {t('reset')}
      </button>
      <button type="button" className="pg-button" onClick={share}>
        {t('share')}
      </button>
      <CopyForKestra tr={tr} source={source} say={say} />
      {props.onToggleExpanded && (
        <button
          type="button"
          ref={props.expandButtonRef}
          className="pg-button pg-expand"
          onClick={props.onToggleExpanded}
          title={expanded ? t('room.exitHint') : t('room.expandHint')}
          data-expanded={expanded ? 'true' : 'false'}
        >
          {expanded ? t('room.exit') : t('room.expand')}
        </button>
      )}
      <a className="pg-howto" href={howto}>
        {t('kestra.howto')}
      </a>
      {!ready && <span className="pg-hint">{t('loading')}</span>}
      {flash && (
        <span className="pg-flash" role="status">
          {flash}
        </span>
      )}
      {execution && (
        <span className="pg-state" data-state={execution.state.current} role="status" aria-live="polite">
          {t('execution.state', { id: execution.id.slice(0, 8), state: tr.state(execution.state.current) })}
        </span>
      )}
    </div>
  );
}
