import type { PropertySpec } from '../TaskDefinition';

/** Connection properties every Postgres task accepts (SSL ones are accepted and ignored in the browser). */
export const CONNECTION_PROPERTIES: Record<string, PropertySpec> = {
  url: { kind: 'string', description: 'jdbc:postgresql://HOST:PORT/DATABASE — any host and port reach the in-browser database named DATABASE' },
  username: { kind: 'string' },
  password: { kind: 'string' },
  ssl: { kind: 'any' },
  sslMode: { kind: 'string' },
  sslRootCert: { kind: 'string' },
  sslCert: { kind: 'string' },
  sslKey: { kind: 'string' },
  sslKeyPassword: { kind: 'string' },
  timeZoneId: { kind: 'string' },
  socketTimeout: { kind: 'any' },
};

export const QUERY_PROPERTIES: Record<string, PropertySpec> = {
  ...CONNECTION_PROPERTIES,
  sql: { kind: 'string', required: true },
  fetchType: { kind: 'string', values: ['NONE', 'FETCH_ONE', 'FETCH', 'STORE'] },
  fetchSize: { kind: 'any' },
  parameters: { kind: 'map' },
  afterSQL: { kind: 'string' },
  fetch: { kind: 'boolean' },
  fetchOne: { kind: 'boolean' },
  store: { kind: 'boolean' },
};

export const COPY_PROPERTIES: Record<string, PropertySpec> = {
  ...CONNECTION_PROPERTIES,
  table: { kind: 'string' },
  columns: { kind: 'any' },
  format: { kind: 'string', values: ['TEXT', 'CSV', 'BINARY'] },
  oids: { kind: 'any' },
  freeze: { kind: 'any' },
  delimiter: { kind: 'string' },
  nullString: { kind: 'string' },
  header: { kind: 'any' },
  quote: { kind: 'string' },
  escape: { kind: 'string' },
  forceQuote: { kind: 'any' },
  forceNotNull: { kind: 'any' },
  forceNull: { kind: 'any' },
  encoding: { kind: 'string' },
};
