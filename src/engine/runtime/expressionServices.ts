import type { FunctionServices } from '../expressions/functions';
import type { EngineServices } from './EngineServices';
import { StorageFileNotFound } from '../storage/InternalStorage';
import { DEFAULT_KESTRA_VERSION } from '../KestraVersion';

/** What `now()`, `secret()`, `kv()` and `read()` see of the host's services. */
export function expressionServices(services: EngineServices): FunctionServices {
  return {
    now: () => services.clock.now(),
    kestraVersion: services.kestraVersion ?? DEFAULT_KESTRA_VERSION,
    secret: (key) => services.secrets[key],
    kv: (namespace, key) => services.kv.get(namespace)?.get(key),
    fileSize: (uri) => {
      const bytes = services.storage.peek?.(uri.replace(/^kestra:\/\/(?!\/)/, 'kestra:///'));
      if (!bytes) throw new StorageFileNotFound(uri);
      return bytes.byteLength;
    },
    readFile: (pathOrUri, namespace) => {
      if (!pathOrUri.startsWith('kestra://')) {
        throw new Error(`read('${pathOrUri}'): namespace files of \`${namespace}\` are not available in this in-browser engine; read a task's output file by its kestra:// URI instead`);
      }
      const uri = pathOrUri.replace(/^kestra:\/\/(?!\/)/, 'kestra:///');
      const bytes = services.storage.peek?.(uri);
      if (!bytes) throw new StorageFileNotFound(uri);
      return new TextDecoder().decode(bytes);
    },
  };
}
