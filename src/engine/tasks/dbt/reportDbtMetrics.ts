import type { TaskContext } from '../../runtime/TaskContext';

/**
 * The counters Kestra's dbt plugin reports on the DbtCLI task run from
 * target/run_results.json (plugin-dbt ResultParser#parseRunResult): for each
 * node whose adapter_response has them, `rows.affected` (rows_affected) and
 * `bytes.processed` (bytes_processed), without tags, as the plugin does.
 */
export function reportRunResultMetrics(ctx: TaskContext, runResultsJson: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(runResultsJson);
  } catch {
    return;
  }
  const results = (parsed as { results?: unknown })?.results;
  if (!Array.isArray(results)) return;
  for (const r of results) {
    const response = (r as { adapter_response?: Record<string, unknown> } | null)?.adapter_response;
    if (!response || typeof response !== 'object') continue;
    for (const [key, name] of [
      ['rows_affected', 'rows.affected'],
      ['bytes_processed', 'bytes.processed'],
    ] as const) {
      const value = Number(response[key]);
      if (response[key] !== undefined && response[key] !== null && Number.isFinite(value)) ctx.metric('counter', name, value);
    }
  }
}

/**
 * dbt's StatsLine (`Done. PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3`) as counters:
 * Kestra's dbt LogService reports every entry of the JSON log line's
 * `data.stats` with `Counter.of(name, value)`; our runner's line carries the
 * same numbers in its message.
 */
export function reportStatsLine(ctx: TaskContext, message: string): void {
  for (const m of message.matchAll(/\b(PASS|WARN|ERROR|SKIP|TOTAL)=(\d+)/g)) ctx.metric('counter', m[1].toLowerCase(), Number(m[2]));
}
