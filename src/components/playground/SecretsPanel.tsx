import { useEffect, useId, useState } from 'react';
import type { Translator } from './i18n';

const KEY = 'kestra-playground:secrets';

/** `KEY=value` lines → a map; blank lines and lines without `=` are ignored. */
export function parseSecrets(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
}

/** The learner's secrets for `secret('KEY')`, kept in this browser only (localStorage), never in shared links. */
export function useSecrets(): [string, (text: string) => void] {
  const [text, setText] = useState('');
  useEffect(() => {
    try {
      setText(localStorage.getItem(KEY) ?? '');
    } catch {
      /* storage unavailable */
    }
  }, []);
  const update = (t: string) => {
    setText(t);
    try {
      if (t) localStorage.setItem(KEY, t);
      else localStorage.removeItem(KEY);
    } catch {
      /* ignore */
    }
  };
  return [text, update];
}

export function SecretsPanel({ tr, text, onChange }: { tr: Translator; text: string; onChange(t: string): void }) {
  const id = useId();
  const count = Object.keys(parseSecrets(text)).length;
  const [forgotten, setForgotten] = useState(false);
  return (
    <details className="pg-secrets">
      <summary>{tr.t('secrets.title', { count })}</summary>
      <label htmlFor={id} className="pg-label">
        {tr.t('secrets.label')}
      </label>
      <textarea
        id={id}
        className="pg-code-input pg-secrets-input"
        rows={3}
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setForgotten(false);
          onChange(e.target.value);
        }}
        placeholder="MY_TOKEN=abc123"
      />
      <p className="pg-hint">{tr.t('secrets.hint')}</p>
      <button
        type="button"
        className="pg-button"
        disabled={!text}
        onClick={() => {
          onChange('');
          setForgotten(true);
        }}
      >
        {tr.t('secrets.forget')}
      </button>
      {forgotten && (
        <span className="pg-flash" role="status">
          {tr.t('secrets.forgotten')}
        </span>
      )}
    </details>
  );
}
