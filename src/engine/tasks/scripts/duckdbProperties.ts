import type { PropertySpec } from '../TaskDefinition';

/** Properties of the io.kestra.plugin.jdbc.duckdb tasks (KJ plugin-jdbc-duckdb Query.java, Queries.java, AbstractJdbcBaseQuery). */
export const DUCKDB_PROPERTIES: Record<string, PropertySpec> = {
  url: { kind: 'string', description: 'jdbc:duckdb: (a new in-memory database) or jdbc:duckdb:/absolute/file.db (kept for the execution)' },
  username: { kind: 'string' },
  password: { kind: 'string' },
  sql: { kind: 'string', required: true },
  inputFiles: { kind: 'any' },
  outputFiles: { kind: 'string-or-list' },
  fetchType: { kind: 'string', values: ['NONE', 'FETCH_ONE', 'FETCH', 'STORE'] },
  fetchSize: { kind: 'any' },
  fetch: { kind: 'boolean' },
  fetchOne: { kind: 'boolean' },
  store: { kind: 'boolean' },
  timeZoneId: { kind: 'string' },
  databaseUri: { kind: 'string' },
  outputDbFile: { kind: 'any' },
  communityExtensions: { kind: 'any' },
};
