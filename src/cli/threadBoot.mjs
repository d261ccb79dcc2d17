// Entry of the command line's engine thread: Node 20 does not carry tsx's
// loader into worker threads, so register it here, then load the TypeScript
// entry named in workerData. (V8 flags such as
// --disallow-code-generation-from-strings apply to every thread.)
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
