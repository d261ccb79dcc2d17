import type { Flow } from '../flow/Flow';
import type { InternalStorage } from '../storage/InternalStorage';
import { executionPrefix } from '../storage/storageUri';

/**
 * Where Kestra keeps a FILE input's upload:
 * kestra:///<namespace as path>/<flow slug>/executions/<execution>/inputs/<input id>/<file name>
 */
export function inputFileUri(namespace: string, flowId: string, executionId: string, inputId: string, fileName: string): string {
  const safeName = fileName.replace(/[\\/]/g, '_') || inputId;
  return `${executionPrefix(namespace, flowId, executionId)}inputs/${inputId}/${safeName}`;
}

/**
 * The `storeFile` option of resolveInputs for one execution: puts the bytes
 * in internal storage and returns the URI. Give runExecution the same
 * `executionId` and storage so the execution finds (and can purge) the file.
 */
export function inputFileStore(storage: InternalStorage, flow: Pick<Flow, 'namespace' | 'id'>, executionId: string) {
  return async (inputId: string, fileName: string, data: Uint8Array): Promise<string> => {
    const uri = inputFileUri(flow.namespace, flow.id, executionId, inputId, fileName);
    await storage.put(uri, data);
    return uri;
  };
}
