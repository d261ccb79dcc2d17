import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms, in 10 ms clock ticks) one thread has used, from
 * /proc (Linux). On a machine other work shares, a thread's CPU time moves
 * far less than wall-clock time, so the benchmark reports both.
 */
export function threadCpuMs(pid: number, tid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** This process's main thread (where PGlite runs in Node). */
export const mainThreadCpuMs = () => threadCpuMs(process.pid, process.pid);

/** The dedicated worker thread of the Chromium whose processes were started with `profileDir`, when there is exactly one. */
export function findChromiumWorkerThread(profileDir: string): { pid: number; tid: number } | null {
  const found: { pid: number; tid: number }[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profileDir)) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() === 'DedicatedWorker') found.push({ pid: Number(pid), tid: Number(tid) });
      }
    } catch {
      /* the process ended */
    }
  }
  return found.length === 1 ? found[0] : null;
}
