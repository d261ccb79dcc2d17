/**
 * Which Kestra the engine imitates where versions behave differently: 0.20
 * (`kestra/kestra:v0.20.7`, what the 2025 cohort pinned) or 1.1
 * (`kestra/kestra:v1.1`, the 2026 cohort). The playground has a setting for
 * it and the command line `--kestra-version`; code that differs by version
 * reads `services.kestraVersion` and names the Kestra source or doc it follows.
 */
export type KestraVersion = '0.20' | '1.1';

export const KESTRA_VERSIONS: readonly KestraVersion[] = ['0.20', '1.1'];

/** The current course's version (the 2026 cohort). */
export const DEFAULT_KESTRA_VERSION: KestraVersion = '1.1';

export function isKestraVersion(v: unknown): v is KestraVersion {
  return v === '0.20' || v === '1.1';
}
