import type { ShellFs } from './ShellFs';
import type { ByteSink, ByteSource } from './streams';

/** What a shell command gets: its arguments, its streams and the task's working directory. */
export interface CommandContext {
  name: string;
  args: string[];
  stdin: ByteSource;
  stdout: ByteSink;
  stderr: ByteSink;
  env: Record<string, string>;
  fs: ShellFs;
  fetch: (url: string, signal?: AbortSignal) => Promise<Response>;
  signal: AbortSignal;
  /** Waits `ms` on the engine's clock; rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Writes `text` to stderr (a newline is added). */
  error(text: string): Promise<void>;
  /** Writes `text` to stdout as UTF-8. */
  print(text: string): Promise<void>;
}

/** A command: resolves to its exit status. */
export type ShellCommand = (c: CommandContext) => Promise<number>;
