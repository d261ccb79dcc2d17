/**
 * One metric a task run reported, shaped like Kestra's MetricEntry
 * (core/.../models/executions/MetricEntry.java): a counter's value as given,
 * a timer's in milliseconds (MetricEntry#computeValue: `Duration#toMillis`).
 */
export interface MetricEntry {
  name: string;
  type: 'counter' | 'timer';
  value: number;
  tags: Record<string, string>;
  /** When the task reported it (ISO-8601). */
  timestamp: string;
}
