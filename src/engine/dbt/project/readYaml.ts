import { parseDocument } from 'yaml';
import { DbtError } from '../DbtError';

/** Parses a YAML file of the project; a syntax error names the file and line, as dbt's parsing errors do. */
export function readYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new DbtError('Parsing', `Error reading ${file}: ${e.message.split('\n')[0]}${line ? ` (line ${line})` : ''}`);
  }
  return doc.toJS({ maxAliasCount: 100 }) ?? null;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A YAML value expected to be a list of strings (dbt accepts a single string too). */
export function stringList(v: unknown, what: string, file: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new DbtError('Parsing', `${what} in ${file} must be a list of strings`);
}
