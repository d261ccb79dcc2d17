/**
 * What one execution may keep, so a runaway flow (a shell loop doubling a
 * file, a task printing millions of lines, a huge output) ends its task with
 * a clear error instead of filling the tab's or the machine's memory.
 */
export interface ExecutionLimits {
  /** Characters kept of one log line; the whole line goes to a file in internal storage. */
  logLineChars: number;
  /** stdout (and stderr) lines one script task logs; the whole output goes to a file. */
  taskLogLines: number;
  /** Bytes of a script task's working directory (its files are in memory). */
  workingDirBytes: number;
  /** Bytes one execution writes to internal storage (output files, inputs, kept logs). */
  storageBytes: number;
  /** Bytes of one task run's outputs, as JSON. */
  outputBytes: number;
}

const MiB = 1024 * 1024;

/** The engine's defaults, sized for a browser tab (the host may raise them: the command line does). */
export const DEFAULT_EXECUTION_LIMITS: ExecutionLimits = {
  logLineChars: 10_000,
  taskLogLines: 5_000,
  workingDirBytes: 256 * MiB,
  storageBytes: 384 * MiB,
  outputBytes: 16 * MiB,
};

/** The command line's: a whole real month of yellow taxi trips (about 700 MB of CSV) fits. */
export const NODE_EXECUTION_LIMITS: ExecutionLimits = {
  ...DEFAULT_EXECUTION_LIMITS,
  workingDirBytes: 2048 * MiB,
  storageBytes: 3072 * MiB,
  outputBytes: 64 * MiB,
};

export const formatBytes = (n: number) => (n >= MiB ? `${(n / MiB).toFixed(n < 10 * MiB ? 1 : 0)} MiB` : `${n} bytes`);
