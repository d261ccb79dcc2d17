import type { LogLevel } from '../../model/events';

/** One metric a script reported (`::{"metrics": [...]}::`). */
export interface ScriptMetric {
  name: string;
  type: string;
  value: number;
  tags: Record<string, string>;
}

/** What a `::{…}::` line carries (K core/.../runners/PluginUtilsService.java#parseOut). */
export interface KestraLine {
  outputs?: Record<string, unknown>;
  metrics?: ScriptMetric[];
  logs?: { level: LogLevel; message: string }[];
}

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']);

/**
 * Reads a line of a script's output as Kestra does: `::{json}::` (the whole
 * line) is a message to Kestra, not a log line. Returns null for any other
 * line, and for a `::…::` line whose JSON does not parse (Kestra logs it
 * then, as we do).
 */
export function parseKestraLine(line: string): KestraLine | null {
  const m = /^::(\{.*\})::$/.exec(line.trim());
  if (!m) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(m[1]);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const p = parsed as Record<string, unknown>;
  const out: KestraLine = {};
  if (p.outputs && typeof p.outputs === 'object') out.outputs = p.outputs as Record<string, unknown>;
  if (Array.isArray(p.metrics)) {
    out.metrics = p.metrics
      .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
      .map((x) => ({ name: String(x.name ?? ''), type: String(x.type ?? 'counter'), value: Number(x.value), tags: (x.tags && typeof x.tags === 'object' ? x.tags : {}) as Record<string, string> }));
  }
  if (Array.isArray(p.logs)) {
    out.logs = p.logs
      .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
      .map((x) => {
        const level = String(x.level ?? 'INFO').toUpperCase();
        return { level: (LEVELS.has(level) ? level : 'INFO') as LogLevel, message: String(x.message ?? '') };
      });
  }
  return out;
}
