import type { TaskContext } from '../runtime/TaskContext';
import type { CopyOptions } from './buildCopySql';

const FORMATS = ['TEXT', 'CSV', 'BINARY'] as const;

/** Renders a CopyIn/CopyOut task's COPY properties. */
export function readCopyOptions(ctx: TaskContext): CopyOptions {
  const t = ctx.task;
  const str = (v: unknown) => (v === undefined || v === null ? undefined : ctx.render(String(v)));
  const bool = (v: unknown) => {
    const s = str(v);
    return s === undefined ? undefined : s.trim().toLowerCase() === 'true';
  };
  const list = (v: unknown) => {
    if (v === undefined || v === null) return undefined;
    const r = ctx.renderValue(v);
    if (Array.isArray(r)) return r.map(String);
    const s = String(r).trim();
    if (s.startsWith('[')) return (JSON.parse(s) as unknown[]).map(String);
    return [s];
  };
  const format = (str(t.format) ?? 'TEXT').toUpperCase();
  if (!(FORMATS as readonly string[]).includes(format)) throw new Error(`Invalid format \`${format}\`: expected one of ${FORMATS.join(', ')}`);
  return {
    table: str(t.table),
    columns: list(t.columns),
    format: format as CopyOptions['format'],
    oids: bool(t.oids),
    freeze: bool(t.freeze),
    delimiter: str(t.delimiter),
    nullString: str(t.nullString),
    header: bool(t.header),
    quote: str(t.quote),
    escape: str(t.escape),
    forceQuote: list(t.forceQuote),
    forceNotNull: list(t.forceNotNull),
    forceNull: list(t.forceNull),
    encoding: str(t.encoding),
  };
}
