import { useCallback, useEffect, useRef, useState } from 'react';

const PREFIX = 'kestra-playground:flow:';

export interface StoredSource {
  source: string;
  /** The learner edited the flow: it becomes this lesson's saved edits. */
  setSource(s: string): void;
  reset(): void;
  /** Shows a flow from elsewhere (a shared link) without touching the saved edits; editing it makes it the saved edits. */
  showShared(s: string): void;
  /** True while a shared flow is shown over saved edits of this lesson. */
  sharedOverSaved: boolean;
  /** Leaves the shared flow and shows the saved edits again. */
  backToSaved(): void;
}

function readSaved(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null; // storage unavailable (private mode): edits live in memory only
  }
}

/** The learner's edited flow for one lesson, kept in localStorage; reset brings the lesson's flow back. */
export function useStoredSource(key: string, original: string): StoredSource {
  const [source, setSourceState] = useState(original);
  const [shared, setShared] = useState<string | null>(null);
  const sharedRef = useRef<string | null>(null);
  const show = useCallback((s: string | null) => {
    sharedRef.current = s;
    setShared(s);
  }, []);
  useEffect(() => {
    const saved = readSaved(key);
    if (saved !== null && sharedRef.current === null) setSourceState(saved);
  }, [key]);
  const setSource = useCallback(
    (s: string) => {
      setSourceState(s);
      show(null);
      try {
        if (s === original) localStorage.removeItem(PREFIX + key);
        else localStorage.setItem(PREFIX + key, s);
      } catch {
        /* ignore */
      }
    },
    [key, original, show],
  );
  const reset = useCallback(() => setSource(original), [setSource, original]);
  const showShared = useCallback(
    (s: string) => {
      show(s);
      setSourceState(s);
    },
    [show],
  );
  const backToSaved = useCallback(() => {
    show(null);
    setSourceState(readSaved(key) ?? original);
  }, [key, original, show]);
  const sharedOverSaved = shared !== null && readSaved(key) !== null;
  return { source, setSource, reset, showShared, sharedOverSaved, backToSaved };
}
