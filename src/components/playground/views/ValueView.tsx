import type { ReactNode } from 'react';
import type { Translator } from '../i18n';
import { formatCell } from '../database/formatCell';

export type ValuePath = (string | number)[];

export interface ValueViewProps {
  value: unknown;
  /** What the value is (a task id, "inputs"…), for the tree's accessible name. */
  name: string;
  tr: Translator;
  /** Extra content after a scalar (e.g. Preview/Download buttons for a file URI). */
  renderExtra?: (value: unknown, path: ValuePath) => ReactNode;
  /** Maps and lists at a depth below this start expanded (default 2). */
  openDepth?: number;
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && !(v instanceof Uint8Array);
}

function entriesOf(v: Record<string, unknown> | unknown[]): [string | number, unknown][] {
  return Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
}

/** A scalar as text, with its type as a class for colour and `null` in italics. */
function Scalar({ value, tr }: { value: unknown; tr: Translator }) {
  if (value === null || value === undefined) return <span className="pg-val pg-val-null">{tr.t('value.null')}</span>;
  const kind = typeof value === 'string' ? 'string' : typeof value === 'number' || typeof value === 'bigint' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'other';
  return <span className={`pg-val pg-val-${kind}`}>{formatCell(value)}</span>;
}

interface ItemProps extends Omit<ValueViewProps, 'name'> {
  label: string | number;
  path: ValuePath;
  depth: number;
}

function Item({ label, value, path, depth, tr, renderExtra, openDepth = 2 }: ItemProps) {
  const key = <span className={typeof label === 'number' ? 'pg-val-index' : 'pg-val-key'}>{typeof label === 'number' ? `[${label}]` : label}</span>;
  if (isContainer(value)) {
    const entries = entriesOf(value);
    const list = Array.isArray(value);
    if (entries.length === 0) {
      return (
        <li className="pg-tree-item">
          {key} <span className="pg-val pg-val-null">{tr.t(list ? 'value.emptyList' : 'value.emptyMap')}</span>
        </li>
      );
    }
    return (
      <li className="pg-tree-item">
        <details open={depth < openDepth}>
          <summary>
            {key} <span className="pg-val-meta">{tr.t(list ? 'value.items' : 'value.keys', { count: entries.length })}</span>
          </summary>
          <ul className="pg-tree-children">
            {entries.map(([k, v]) => (
              <Item key={k} label={k} value={v} path={[...path, k]} depth={depth + 1} tr={tr} renderExtra={renderExtra} openDepth={openDepth} />
            ))}
          </ul>
        </details>
      </li>
    );
  }
  return (
    <li className="pg-tree-item pg-tree-leaf">
      {key} <Scalar value={value} tr={tr} />
      {renderExtra?.(value, path)}
    </li>
  );
}

/**
 * Any JSON-like value as an expandable text tree: maps and lists are
 * <details> (keyboard-toggled by their summary), scalars are plain text.
 */
export function ValueView({ value, name, tr, renderExtra, openDepth }: ValueViewProps) {
  if (!isContainer(value)) {
    return (
      <div className="pg-tree pg-tree-scalar">
        <Scalar value={value} tr={tr} />
        {renderExtra?.(value, [])}
      </div>
    );
  }
  const entries = entriesOf(value);
  if (entries.length === 0) {
    return <p className="pg-tree pg-val pg-val-null">{tr.t(Array.isArray(value) ? 'value.emptyList' : 'value.emptyMap')}</p>;
  }
  return (
    <ul className="pg-tree" aria-label={tr.t('value.tree', { name })}>
      {entries.map(([k, v]) => (
        <Item key={k} label={k} value={v} path={[k]} depth={0} tr={tr} renderExtra={renderExtra} openDepth={openDepth} />
      ))}
    </ul>
  );
}
