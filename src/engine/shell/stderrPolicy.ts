import type { TaskContext } from '../runtime/TaskContext';
import type { LogLevel } from '../model/events';
import { DEFAULT_KESTRA_VERSION } from '../KestraVersion';

/**
 * What a script task (shell, Python) does with lines on stderr, in the Kestra
 * being imitated:
 * - Kestra 0.20: each line is logged at WARN (PluginUtilsService#parseOut in
 *   v0.20.7: `runContext.logger().warn(line)`), and any stderr output ends the
 *   task in WARNING unless `warningOnStdErr: false`.
 * - Kestra 1.1: each line is logged at ERROR (kestra-io/kestra 0e0928d, "log at
 *   ERROR level for script logs to stderr", in 0.21), and stderr no longer
 *   changes the task's state (0.23, kestra-io/plugin-scripts#233);
 *   `warningOnStdErr` is kept but has no effect (validation says so).
 */
export function stderrLevel(ctx: TaskContext): LogLevel {
  return (ctx.services.kestraVersion ?? DEFAULT_KESTRA_VERSION) === '0.20' ? 'WARN' : 'ERROR';
}

/** After the script: in Kestra 0.20, stderr output ends the task in WARNING (said in the log). */
export function warnOnStderr(ctx: TaskContext, stderrLines: number, warningOnStdErr: unknown): void {
  if (!stderrLines || (ctx.services.kestraVersion ?? DEFAULT_KESTRA_VERSION) !== '0.20') return;
  if (warningOnStdErr === false || String(warningOnStdErr) === 'false') return;
  ctx.setWarning();
  ctx.log('WARN', `${stderrLines} line(s) on stderr, so the task ends in WARNING as in Kestra 0.20 (set warningOnStdErr: false to keep it SUCCESS; since Kestra 0.23 stderr no longer changes the state)`);
}
