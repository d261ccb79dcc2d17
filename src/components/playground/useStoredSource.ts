import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'kestra-playground:flow:';

/** The learner's edited flow for one lesson, kept in localStorage; reset brings the lesson's flow back. */
export function useStoredSource(key: string, original: string): [string, (s: string) => void, () => void] {
  const [source, setSourceState] = useState(original);
  useEffect(() => {
    try {
      const saved = localStorage.getItem(PREFIX + key);
      if (saved !== null) setSourceState(saved);
    } catch {
      /* storage unavailable (private mode): edits live in memory only */
    }
  }, [key]);
  const setSource = useCallback(
    (s: string) => {
      setSourceState(s);
      try {
        if (s === original) localStorage.removeItem(PREFIX + key);
        else localStorage.setItem(PREFIX + key, s);
      } catch {
        /* ignore */
      }
    },
    [key, original],
  );
  const reset = useCallback(() => setSource(original), [setSource, original]);
  return [source, setSource, reset];
}
