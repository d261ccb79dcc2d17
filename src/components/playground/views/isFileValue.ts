import type { ValuePath } from './ValueView';

/** True for an output value that names a file in internal storage (`kestra:///…`, or any kestra: URI under `outputFiles` / `uri`). */
export function isFileValue(value: unknown, path: ValuePath): value is string {
  if (typeof value !== 'string') return false;
  if (value.startsWith('kestra:///')) return true;
  return (path.includes('outputFiles') || path[path.length - 1] === 'uri') && value.startsWith('kestra:');
}
