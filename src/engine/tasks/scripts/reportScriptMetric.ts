import type { TaskContext } from '../../runtime/TaskContext';
import type { ScriptMetric } from './kestraLines';

/**
 * A metric from a script's `::{"metrics": […]}::` line, reported on its task
 * run as Kestra reads it (PluginUtilsService#parseOut deserializes each entry
 * as an AbstractMetricEntry): a `counter` keeps its value; a `timer`'s value
 * is a Duration, which Jackson reads from a number as seconds, and
 * MetricEntry keeps it in milliseconds. Kestra knows no other type (its
 * JsonSubTypes are counter and timer), so another one (the Python library's
 * `gauge`) is logged and left out rather than dropped silently.
 */
export function reportScriptMetric(ctx: TaskContext, m: ScriptMetric): void {
  if (!Number.isFinite(m.value)) {
    ctx.log('WARN', `Metric \`${m.name}\` ignored: its value is not a number`);
    return;
  }
  const tags = Object.fromEntries(Object.entries(m.tags ?? {}).map(([k, v]) => [k, String(v)]));
  if (m.type === 'counter') ctx.metric('counter', m.name, m.value, tags);
  else if (m.type === 'timer') ctx.metric('timer', m.name, m.value * 1000, tags);
  else ctx.log('WARN', `Metric \`${m.name}\` ignored: Kestra knows counter and timer metrics, not \`${m.type}\``);
}
