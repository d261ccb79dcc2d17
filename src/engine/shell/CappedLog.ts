import type { LogLevel } from '../model/events';

/**
 * A script's stdout or stderr as log lines: the first `maxLines` are logged,
 * every line is kept (up to `maxBytes`) so the whole output can be stored as
 * a file once the task ends, and the log says where it is.
 */
export class CappedLog {
  private lines = 0;
  private readonly kept: string[] = [];
  private keptBytes = 0;
  private dropped = false;

  constructor(
    private readonly log: (level: LogLevel, message: string) => void,
    private readonly level: LogLevel,
    private readonly maxLines: number,
    private readonly maxBytes: number,
  ) {}

  get count(): number {
    return this.lines;
  }

  /** True once more lines came than were logged. */
  get truncated(): boolean {
    return this.lines > this.maxLines;
  }

  line(text: string): void {
    this.lines++;
    if (this.keptBytes + text.length + 1 <= this.maxBytes) {
      this.kept.push(text);
      this.keptBytes += text.length + 1;
    } else this.dropped = true;
    if (this.lines <= this.maxLines) this.log(this.level, text);
  }

  /** The whole output (as far as it was kept), for the file the truncated log points to. */
  text(): string {
    return this.kept.join('\n') + (this.kept.length ? '\n' : '') + (this.dropped ? `[output past ${this.maxBytes} bytes not kept]\n` : '');
  }

  /** Logs where the rest went once the file is stored. */
  noteFile(stream: string, uri: string): void {
    this.log('WARN', `… truncated: ${this.lines.toLocaleString('en-US')} lines on ${stream}, the first ${this.maxLines.toLocaleString('en-US')} are logged, full output in the file ${uri}`);
  }
}
