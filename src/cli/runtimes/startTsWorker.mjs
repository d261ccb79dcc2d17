// Entry of the Node worker threads that run our TypeScript (Python and DuckDB
// workers): registers tsx in this thread, then loads the module named in
// workerData. A .ts entry cannot be loaded directly: a worker's own --import
// hooks are not in place yet when its entry is resolved.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
