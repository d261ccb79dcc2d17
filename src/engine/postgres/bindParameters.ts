/**
 * Kestra's named parameters: each `:name` in the statement becomes a
 * positional placeholder, in order of appearance (AbstractJdbcBaseQuery
 * uses the pattern `:\w+`). Postgres casts (`::text`) are left alone.
 */
export function bindParameters(sql: string, parameters: Record<string, unknown> | undefined): { sql: string; params: unknown[] } {
  if (!parameters || Object.keys(parameters).length === 0) return { sql, params: [] };
  const params: unknown[] = [];
  const out = sql.replace(/(:?):(\w+)/g, (m, cast: string, name: string) => {
    if (cast) return m;
    params.push(name in parameters ? parameters[name] : null);
    return `$${params.length}`;
  });
  return { sql: out, params };
}
