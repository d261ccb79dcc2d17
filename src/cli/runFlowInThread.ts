import { Worker } from 'node:worker_threads';

/**
 * Runs `flow run` in a worker thread and keeps this thread free for Ctrl-C:
 * the first SIGINT kills the execution (it ends KILLED and is printed as
 * usual), a second one exits at once with 130.
 */
export function runFlowInThread(argv: string[]): Promise<number> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./threadBoot.mjs', import.meta.url), {
    workerData: { entry: new URL('./runFlowThread.ts', import.meta.url).href, argv, flag },
  });
  let code: number | null = null;
  const onSigint = () => {
    if (Atomics.load(flag, 0) === 1) process.exit(130);
    Atomics.store(flag, 0, 1);
    worker.postMessage('kill');
    process.stderr.write('Killing the execution… (Ctrl-C again to quit at once)\n');
  };
  process.on('SIGINT', onSigint);
  return new Promise((resolve, reject) => {
    worker.on('message', (m: { exitCode?: number }) => {
      if (typeof m?.exitCode === 'number') code = m.exitCode;
    });
    worker.on('error', (e) => {
      process.off('SIGINT', onSigint);
      reject(e);
    });
    worker.on('exit', (exit) => {
      process.off('SIGINT', onSigint);
      resolve(code ?? (exit === 0 ? 0 : 1));
    });
  });
}
