import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_KESTRA_VERSION, isKestraVersion, type KestraVersion } from '../../../engine/KestraVersion';

const KEY = 'kestra-playground:kestra-version';
const listeners = new Set<(v: KestraVersion) => void>();

/** The playground's "Behave like" setting, kept in this browser and shared by every playground of the site. */
export function useKestraVersion(): [KestraVersion, (v: KestraVersion) => void] {
  const [version, setVersion] = useState<KestraVersion>(DEFAULT_KESTRA_VERSION);
  useEffect(() => {
    try {
      const saved = localStorage.getItem(KEY);
      if (isKestraVersion(saved)) setVersion(saved);
    } catch {
      /* storage unavailable */
    }
    listeners.add(setVersion);
    return () => {
      listeners.delete(setVersion);
    };
  }, []);
  const update = useCallback((v: KestraVersion) => {
    try {
      localStorage.setItem(KEY, v);
    } catch {
      /* ignore */
    }
    for (const l of listeners) l(v);
  }, []);
  return [version, update];
}
