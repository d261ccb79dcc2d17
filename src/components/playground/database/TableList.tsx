import { useId } from 'react';
import type { TableInfo } from '../EngineApi';
import type { Translator } from '../i18n';

export interface TableListProps {
  tables: readonly TableInfo[];
  tr: Translator;
  /** Called when the learner picks a table (the panel then fills the SQL box). */
  onPick(table: TableInfo): void;
}

function bySchema(tables: readonly TableInfo[]): [string, TableInfo[]][] {
  const groups = new Map<string, TableInfo[]>();
  for (const t of tables) groups.set(t.schema, [...(groups.get(t.schema) ?? []), t]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'public' ? -1 : b === 'public' ? 1 : a.localeCompare(b)))
    .map(([s, list]) => [s, [...list].sort((x, y) => x.name.localeCompare(y.name))]);
}

/** The tables and views of a database grouped by schema, tables with row counts; each table's columns fold out. */
export function TableList({ tables, tr, onPick }: TableListProps) {
  const { t } = tr;
  const baseId = useId();
  return (
    <div className="pg-db-tables">
      {bySchema(tables).map(([schema, list], g) => (
        <section key={schema} className="pg-db-schema" aria-labelledby={`${baseId}-${g}`}>
          <p className="pg-view-subtitle" id={`${baseId}-${g}`}>
            {t('db.schema', { schema })}
          </p>
          <ul className="pg-db-table-list">
            {list.map((table) => {
              const full = `${table.schema}.${table.name}`;
              return (
                <li key={full} className="pg-db-table" data-table={full}>
                  <div className="pg-db-table-head">
                    <button type="button" className="pg-link" title={t('db.queryTable', { table: full })} onClick={() => onPick(table)}>
                      {table.name}
                    </button>
                    <span className="pg-db-count">{table.rowCount === null ? t('db.view') : t('db.rowCount', { count: table.rowCount.toLocaleString(tr.lang) })}</span>
                  </div>
                  <details className="pg-db-columns">
                    <summary>
                      {t('db.columns')} ({table.columns.length})
                    </summary>
                    <div className="pg-grid-wrap">
                      <table className="pg-grid">
                        <caption className="pg-sr-only">{t('db.columnsOf', { table: full })}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t('db.column')}</th>
                            <th scope="col">{t('db.type')}</th>
                            <th scope="col">{t('db.nullable')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {table.columns.map((c) => (
                            <tr key={c.name}>
                              <th scope="row">{c.name}</th>
                              <td>{c.type}</td>
                              <td>{c.nullable ? t('db.yes') : t('db.no')}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
