import type { DuckDbConnection } from './DuckDbRuntime';

/** Input files read as JSON by the read_json_auto stand-in. */
export const JSON_FILE = /\.(json|jsonl|ndjson)$/i;

/** The reader functions the stand-in defines. */
const READERS = ['read_json_auto', 'read_json', 'read_ndjson_auto', 'read_ndjson'];

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Records of a JSON file as DuckDB's read_json_auto sees them: an array of
 * objects, one object, or newline-delimited objects; other values become a
 * `json` column. Column order is the order keys first appear.
 */
export function jsonRecords(text: string): { records: Record<string, unknown>[]; keys: string[] } {
  let values: unknown[];
  try {
    const v = JSON.parse(text) as unknown;
    values = Array.isArray(v) ? v : [v];
  } catch {
    values = text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l, i) => {
        try {
          return JSON.parse(l) as unknown;
        } catch (e) {
          throw new Error(`Malformed JSON at line ${i + 1}: ${(e as Error).message}`);
        }
      });
  }
  const keys: string[] = [];
  const seen = new Set<string>();
  const records = values.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { json: v }));
  for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) seen.add(k), keys.push(k);
  return { records, keys };
}

/**
 * The playground's stand-in for the json extension's readers (DuckDB-Wasm
 * has no json extension offline): each JSON input file is imported into a
 * table with DuckDB-Wasm's own JSON import, and temporary table macros named
 * read_json_auto, read_json, read_ndjson_auto and read_ndjson return that
 * table for the file's path (absolute, or relative to the working
 * directory). Returns the tables to drop afterwards.
 */
export async function defineJsonReaders(conn: DuckDbConnection, files: Map<string, Uint8Array>, prefix: string): Promise<string[]> {
  const cases: string[] = [];
  const tables: string[] = [];
  let n = 0;
  for (const [rel, data] of files) {
    if (!JSON_FILE.test(rel)) continue;
    const table = `${prefix}_${++n}`;
    let parsed;
    try {
      parsed = jsonRecords(new TextDecoder().decode(data));
    } catch (e) {
      throw new Error(`read_json_auto('${rel}'): ${(e as Error).message}`);
    }
    const normalized = `${conn.workingDir}/.kestra-json/${n}.json`;
    await conn.writeFile(normalized, new TextEncoder().encode(JSON.stringify(parsed.records)));
    const raw = `${table}_raw`;
    if (parsed.records.length) {
      await conn.insertJson(normalized, raw);
      const cols = parsed.keys.map((k) => `"${k.replace(/"/g, '""')}"`).join(', ');
      await conn.query(`CREATE TABLE ${table} AS SELECT ${cols} FROM ${raw}`);
      await conn.query(`DROP TABLE ${raw}`);
    } else {
      await conn.query(`CREATE TABLE ${table} (json VARCHAR)`);
    }
    tables.push(table);
    for (const key of new Set([`${conn.workingDir}/${rel}`, rel, `./${rel}`])) cases.push(`WHEN ${sqlString(key)} THEN ${sqlString(table)}`);
  }
  const fallback = `error('reading ' || p || ' as JSON: in the playground, read_json_auto reads only the task''s JSON input files (inputFiles), by their path; DuckDB''s json extension is not available offline')`;
  const pick = cases.length ? `CASE p ${cases.join(' ')} ELSE ${fallback} END` : fallback;
  for (const name of READERS) await conn.query(`CREATE OR REPLACE TEMP MACRO ${name}(p) AS TABLE SELECT * FROM query_table(${pick})`);
  return tables;
}
