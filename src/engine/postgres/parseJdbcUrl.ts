export interface JdbcTarget {
  host: string;
  port: number | null;
  database: string;
}

/**
 * Reads `jdbc:postgresql://HOST[:PORT]/DB[?params]`. Any host and port are
 * accepted: the database name alone picks the in-browser database. A URL
 * without a database name connects to `fallbackDatabase` (the JDBC driver
 * uses the user name, which is `postgres` by default).
 */
export function parseJdbcUrl(url: string, fallbackDatabase = 'postgres'): JdbcTarget {
  const m = /^jdbc:postgresql:(?:\/\/([^/?#]*))?\/?([^?#]*)/i.exec(url.trim());
  if (!m) {
    throw new Error(`Invalid Postgres JDBC url \`${url}\`: expected jdbc:postgresql://HOST:PORT/DATABASE, e.g. jdbc:postgresql://host.docker.internal:5432/postgres-zoomcamp`);
  }
  const hostPort = m[1] ?? '';
  const portMatch = /:(\d+)$/.exec(hostPort);
  const host = (portMatch ? hostPort.slice(0, portMatch.index) : hostPort) || 'localhost';
  const database = decodeURIComponent(m[2] ?? '').replace(/\/+$/, '') || fallbackDatabase;
  return { host, port: portMatch ? Number(portMatch[1]) : null, database };
}
