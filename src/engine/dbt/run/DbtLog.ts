/** One line of dbt's structured log (`--log-format json`): what DbtCLI turns into a Kestra log line. */
export interface DbtLogEvent {
  level: 'debug' | 'info' | 'warn' | 'error';
  /** dbt's event name (`MainReportVersion`, `LogStartLine`, `LogModelResult`, `StatsLine`…). */
  name: string;
  msg: string;
  /** ISO time. */
  ts: string;
  thread: string;
  /** The node the line is about, if any. */
  nodeId?: string;
}

/** A node's run, as the runner reports it while it happens (DbtCLI makes each a child task run). */
export interface NodeStarted {
  uniqueId: string;
  resourceType: string;
  index: number;
  total: number;
  at: Date;
}

export interface NodeFinished {
  uniqueId: string;
  /** dbt's status: success, error, skipped, pass, fail, warn. */
  status: string;
  message: string | null;
  failures: number | null;
  executionTime: number;
  at: Date;
}

export interface DbtListener {
  log(e: DbtLogEvent): void;
  nodeStarted?(n: NodeStarted): void;
  nodeFinished?(n: NodeFinished): void;
}

/** dbt's fancy output line: `1 of 12 START sql view model public.x ........ [RUN]` (80 columns). */
export function fancyLine(msg: string, status: string, index: number | null, total: number | null, executionTime?: number, truncate = false): string {
  const progress = index === null || total === null ? '' : `${index} of ${total} `;
  const prefix = `${progress}${msg} `;
  let justified = prefix.padEnd(80, '.');
  if (truncate && justified.length > 77) justified = justified.slice(0, 77) + '...';
  const time = executionTime === undefined ? '' : ` in ${executionTime.toFixed(2)}s`;
  return `${justified} [${status}${time}]`;
}

export function pluralize(n: number, word: string): string {
  return `${n} ${n === 1 ? word : word + 's'}`;
}
