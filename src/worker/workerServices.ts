import type { EngineServices } from '../engine/runtime/EngineServices';
import { MemoryStorage } from '../engine/storage/MemoryStorage';
import type { RunSettings } from './protocol';

/**
 * Services shared by every execution in this worker: one internal storage (so
 * the Outputs tab can preview files after a run) and one KV store.
 */
export const storage = new MemoryStorage();
const kv = new Map<string, Map<string, unknown>>();

export async function workerServices(_settings: RunSettings): Promise<Partial<EngineServices>> {
  return { storage, kv };
}
