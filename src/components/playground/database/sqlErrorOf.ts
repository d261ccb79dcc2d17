import type { SqlError } from '../EngineApi';

/** Whatever a rejected database call gave, as the panel's SqlError (message, SQLSTATE, position). */
export function sqlErrorOf(e: unknown): SqlError {
  if (typeof e === 'object' && e !== null) {
    const o = e as Record<string, unknown>;
    const code = typeof o.code === 'string' ? o.code : typeof o.sqlState === 'string' ? o.sqlState : undefined;
    const raw = typeof o.position === 'number' ? o.position : typeof o.position === 'string' ? Number(o.position) : NaN;
    return {
      message: typeof o.message === 'string' && o.message ? o.message : String(e),
      ...(code ? { code } : {}),
      ...(Number.isFinite(raw) && raw > 0 ? { position: raw } : {}),
    };
  }
  return { message: String(e) };
}
