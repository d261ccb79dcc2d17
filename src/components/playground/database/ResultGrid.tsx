import type { Translator } from '../i18n';
import { formatCell } from './formatCell';

export interface GridColumn {
  name: string;
  /** Postgres type name, shown under the column name when known. */
  type?: string;
}

export interface ResultGridProps {
  columns: readonly GridColumn[];
  rows: readonly (readonly unknown[])[];
  /** The table's caption and the scroll region's accessible name. */
  caption: string;
  tr: Translator;
  /** 1-based number of the first row, to show a row-number column (e.g. 51 on page 2). */
  firstRowNumber?: number;
}

const LONG = 120;

/** Rows as an HTML table with column headers; scrolls sideways inside its box on narrow screens. */
export function ResultGrid({ columns, rows, caption, tr, firstRowNumber }: ResultGridProps) {
  const numbered = firstRowNumber !== undefined;
  return (
    <div className="pg-grid-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="pg-grid">
        <caption className="pg-sr-only">{caption}</caption>
        <thead>
          <tr>
            {numbered && (
              <th scope="col" className="pg-grid-num">
                {tr.t('db.rowNumber')}
              </th>
            )}
            {columns.map((c, i) => (
              <th scope="col" key={i}>
                <span className="pg-grid-col">{c.name}</span>
                {c.type && <span className="pg-grid-type">{c.type}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {numbered && (
                <th scope="row" className="pg-grid-num">
                  {firstRowNumber + r}
                </th>
              )}
              {columns.map((_, i) => {
                const v = row[i];
                const text = formatCell(v);
                if (text === null) {
                  return (
                    <td key={i} className="pg-grid-null">
                      {tr.t('db.null')}
                    </td>
                  );
                }
                const numeric = typeof v === 'number' || typeof v === 'bigint';
                return (
                  <td key={i} className={numeric ? 'pg-grid-number' : undefined} title={text.length > LONG ? text.slice(0, 2000) : undefined}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
