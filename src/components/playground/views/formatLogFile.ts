import type { LogEntry } from '../../../engine';

/** Log lines as a downloadable `.log` text: `timestamp LEVEL taskId message`. */
export function formatLogFile(lines: LogEntry[]): string {
  return lines.map((l) => `${l.timestamp} ${l.level.padEnd(5)} ${l.taskId ?? '-'} ${l.message}`).join('\n') + (lines.length ? '\n' : '');
}
