import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { parseArgs } from './parseArgs';
import { runFlowCommand } from './commands';

/**
 * The engine thread of `flow run`: runs the flow as runFlowCommand does, and
 * treats the supervisor's kill flag (a shared Int32Array set on Ctrl-C) as a
 * kill, read both from the event loop (a message) and from inside long
 * synchronous work (RunOptions.interrupt), so even a template that never
 * yields stops within a second.
 */
const { argv, flag } = workerData as { argv: string[]; flag: Int32Array };
const killed = () => Atomics.load(flag, 0) === 1;
const controller = new AbortController();
parentPort!.on('message', (m) => {
  if (m === 'kill') controller.abort();
});
// the port must not keep this thread alive once the run is over
parentPort!.unref();
const args = parseArgs(argv);
const source = await readFile(args.file!, 'utf8');
const code = await runFlowCommand(args.file!, source, args, { signal: controller.signal, interrupt: killed });
parentPort!.postMessage({ exitCode: code });
