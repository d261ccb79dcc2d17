/** `INSTALL x`, `FORCE INSTALL x FROM repo`, `LOAD x`, `LOAD 'x'`, as DuckDB writes them. */
export function extensionStatement(statement: string): { action: 'INSTALL' | 'LOAD'; name: string } | null {
  const s = statement.replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '').trim();
  const m = /^(?:FORCE\s+)?(INSTALL|LOAD)\s+(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_.\-/]+))/i.exec(s);
  if (!m) return null;
  return { action: m[1].toUpperCase() as 'INSTALL' | 'LOAD', name: (m[2] ?? m[3] ?? m[4]).toLowerCase() };
}

/** Why DuckDB-Wasm has no extensions here. */
export const NO_EXTENSION_DOWNLOADS =
  'DuckDB-Wasm downloads its extensions from extensions.duckdb.org when they are installed or loaded, and the playground does not reach the network for them: it has DuckDB\'s core (with the CSV reader read_csv_auto)';

/** What the json extension is replaced with here. */
export const JSON_STAND_IN =
  'read_json_auto, read_json, read_ndjson and read_ndjson_auto read the task\'s JSON input files through DuckDB-Wasm\'s built-in JSON import; the json extension\'s other functions (json_extract, ->>, COPY … (FORMAT json)) are not available';

/** The message for an extension this playground cannot provide. */
export function extensionUnavailable(name: string): string {
  return `The DuckDB extension \`${name}\` is not available in the playground: ${NO_EXTENSION_DOWNLOADS}, and JSON files (${JSON_STAND_IN}). Run this flow on Kestra to use it.`;
}

/** Adds an explanation to DuckDB errors that come from a missing extension. */
export function explainDuckDbError(message: string): string {
  const m = /exists in the (\w+) extension/.exec(message) ?? /capable of reading the file/.exec(message);
  if (!m) return message;
  const name = m[1] ?? 'json';
  return `${message.split('\n')[0]}\n  In the playground: ${name === 'json' ? JSON_STAND_IN : extensionUnavailable(name)}`;
}
