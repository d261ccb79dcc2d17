/**
 * Kestra's internal storage: files produced by tasks, addressed by
 * `kestra:///<namespace as path>/<flow>/executions/<id>/tasks/<task>/<taskrun>/<name>` URIs.
 */
export interface InternalStorage {
  put(uri: string, data: Uint8Array): Promise<void>;
  /** Throws a clear error when the file does not exist (never stored, or purged). */
  get(uri: string): Promise<Uint8Array>;
  size(uri: string): Promise<number | null>;
  delete(uri: string): Promise<boolean>;
  /** The bytes when they are at hand without waiting (templates render synchronously: `read()`); undefined otherwise. */
  peek?(uri: string): Uint8Array | undefined;
  /** Every URI that starts with `prefix`. */
  list(prefix: string): Promise<string[]>;
}

export class StorageFileNotFound extends Error {
  constructor(uri: string) {
    super(`File not found in internal storage: ${uri} (it was never stored, or it was purged by PurgeCurrentExecutionFiles)`);
    this.name = 'StorageFileNotFound';
  }
}
