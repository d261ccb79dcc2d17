import { formatBytes } from './ExecutionLimits';

/**
 * A log line as kept: past `maxChars` it is cut and says where the whole
 * line went (`keep()` stores it and returns its URI).
 */
export function capLogLine(message: string, maxChars: number, keep: () => string): string {
  if (message.length <= maxChars) return message;
  const uri = keep();
  return `${message.slice(0, maxChars)}… truncated (${message.length.toLocaleString('en-US')} characters), full line in the file ${uri}`;
}

/** Why a task run's outputs are over the limit (their size as JSON), or null. */
export function outputsTooBig(outputs: Record<string, unknown> | undefined, maxBytes: number): string | null {
  if (!outputs) return null;
  let size = 0;
  try {
    size = JSON.stringify(outputs)?.length ?? 0;
  } catch {
    return null;
  }
  if (size <= maxBytes) return null;
  return `The outputs of this task take ${formatBytes(size)} as JSON, over the limit of ${formatBytes(maxBytes)}: write large results to a file (outputFiles) instead`;
}
